import { describe, expect, it } from 'vitest';
import { parseProcfile } from '../../../src/engine/runtime/procfile.js';
import { crashBackoffMs } from '../../../src/engine/runtime/backoff.js';
import { createLineSplitter } from '../../../src/engine/runtime/lines.js';
import { parseProcStat } from '../../../src/engine/runtime/proc-stat.js';

describe('parseProcfile', () => {
  it('parses a Procfile and names malformed lines', () => {
    const text = [
      '# processes',
      'web: npm start -- --port $PORT',
      '',
      'release:bin/migrate && echo done',
      'worker_2:   node worker.js  ',
      'not a process line',
      'bad type: x',
      'clock:',
      'web: node other.js',
      'in-flight: node queue.js\r',
    ].join('\n');
    const { processes, problems } = parseProcfile(text);
    expect([...processes]).toEqual([
      ['web', 'npm start -- --port $PORT'],
      ['release', 'bin/migrate && echo done'],
      ['worker_2', 'node worker.js'],
      ['in-flight', 'node queue.js'],
    ]);
    expect(problems).toEqual([
      'Procfile line 6: expected "<type>: <command>", got "not a process line"',
      'Procfile line 7: process type "bad type" may only contain letters, digits, "_" and "-"',
      'Procfile line 8: process type "clock" has no command',
      'Procfile line 9: process type "web" is defined twice',
    ]);
  });

  it('keeps a colon inside the command', () => {
    expect(parseProcfile('web: node -e "a:b"').processes.get('web')).toBe('node -e "a:b"');
  });
});

describe('runtime helpers', () => {
  it('splits output into lines across chunks and characters', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    const euro = Buffer.from('€');
    splitter.push(Buffer.from('a\r\nb'));
    splitter.push(Buffer.concat([Buffer.from('c '), euro.subarray(0, 1)]));
    splitter.push(Buffer.concat([euro.subarray(1), Buffer.from('\n\ntail')]));
    splitter.flush();
    expect(lines).toEqual(['a', 'bc €', '', 'tail']);
  });

  it('backs off 1, 2, 4 ... 60 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(crashBackoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('reads /proc/<pid>/stat fields even when the command name holds ") "', () => {
    const fields = ['S', '1', '42', '42', ...Array.from({ length: 15 }, () => '0'), '987654', '0'];
    expect(parseProcStat(`42 (odd) name) ${fields.join(' ')}`)).toEqual({
      pid: 42,
      state: 'S',
      ppid: 1,
      pgrp: 42,
      startTicks: 987654,
    });
    expect(parseProcStat('garbage')).toBeUndefined();
  });
});
