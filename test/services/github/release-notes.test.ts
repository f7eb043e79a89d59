import { describe, expect, it } from 'vitest';
import { releaseNotes, releaseTag } from '../../../src/services/github/release-notes.js';

describe('releaseTag', () => {
  const values = {
    version: 42,
    sha: '0123456789abcdef0123456789abcdef01234567',
    date: Date.parse('2026-12-01T23:30:00Z'),
  };

  it('fills {version}, {sha} (7 characters) and {date} (UTC day)', () => {
    expect(releaseTag('production-v{version}', values)).toBe('production-v42');
    expect(releaseTag('prod-{date}-{sha}', values)).toBe('prod-2026-12-01-0123456');
    expect(releaseTag('v{version}-{version}', values)).toBe('v42-42');
  });
});

describe('releaseNotes', () => {
  it('lists the pull requests and the tickets with their criteria, then the commit count', () => {
    const notes = releaseNotes({
      pullRequests: [
        { number: 31, title: 'Cart  totals\nfix', author: 'ann' },
        { number: 33, title: 'Search', author: '' },
      ],
      tickets: [{ id: '#12', title: 'Cart', criteria: { done: 2, total: 3 } }, { id: 'SHOP-4' }],
      commits: 7,
    });
    expect(notes).toBe(
      [
        '## Pull requests',
        '',
        '- #31 Cart totals fix (@ann)',
        '- #33 Search',
        '',
        '## Tickets',
        '',
        '- #12 Cart (2/3 criteria)',
        '- SHOP-4',
        '',
        '7 commits.',
      ].join('\n'),
    );
  });

  it('says only the commit count when nothing else is known', () => {
    expect(releaseNotes({ pullRequests: [], tickets: [], commits: 1 })).toBe('1 commit.');
  });
});
