import { describe, expect, it } from 'vitest';
import { parseForEachRef, parseLeftRightCount, parseShaList } from '../../../src/services/git/parse-git-output.js';

const SHA_A = 'a'.repeat(40);
const SHA_B = '0123456789abcdef0123456789abcdef01234567';
const line = (...fields: string[]) => fields.join('\0');

describe('parseForEachRef', () => {
  it('reads branch names and tip commits from NUL-separated lines', () => {
    const stdout = [
      line('refs/heads/main', SHA_A, "Merge branch 'feature/x'", 'Ada Lovelace', '1714564800'),
      line('refs/heads/feature/x', SHA_B, 'Fix: a\tb, c', 'Grace Hopper', '1714564801'),
    ].join('\n');

    const branches = parseForEachRef(stdout);

    expect([...branches.keys()]).toEqual(['main', 'feature/x']);
    expect(branches.get('main')).toEqual({
      sha: SHA_A,
      subject: "Merge branch 'feature/x'",
      author: 'Ada Lovelace',
      date: 1714564800000,
    });
    expect(branches.get('feature/x')?.subject).toBe('Fix: a\tb, c');
  });

  it('skips blank, malformed and non-branch lines', () => {
    const stdout = [
      '',
      'garbage',
      line('refs/tags/v1', SHA_A, 'tag', 'Ada', '1'),
      line('refs/heads/short', 'abc', 'subject', 'Ada', '1'),
      line('refs/heads/ok', SHA_A, '', '', ''),
    ].join('\n');

    const branches = parseForEachRef(stdout);

    expect([...branches.keys()]).toEqual(['ok']);
    expect(branches.get('ok')).toEqual({ sha: SHA_A, subject: '', author: '', date: 0 });
  });
});

describe('parseLeftRightCount', () => {
  it('reads main-only commits as behind and branch-only commits as ahead', () => {
    expect(parseLeftRightCount('2\t5')).toEqual({ behind: 2, ahead: 5 });
    expect(parseLeftRightCount('0\t0\n')).toEqual({ behind: 0, ahead: 0 });
  });

  it('rejects output it does not understand', () => {
    expect(() => parseLeftRightCount('fatal: bad revision')).toThrow(/unexpected rev-list count output/);
  });
});

describe('parseShaList', () => {
  it('collects one sha per line', () => {
    expect(parseShaList(`${SHA_A}\n${SHA_B}\n\n`)).toEqual(new Set([SHA_A, SHA_B]));
    expect(parseShaList('')).toEqual(new Set());
  });
});
