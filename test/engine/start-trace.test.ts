// The engine's account of its start: one summary line always, each step's line on request.
import { describe, expect, it } from 'vitest';
import { createStartTrace, traceWanted } from '../../src/engine/start-trace.js';

describe('the start trace', () => {
  it('sums the marks up in the order they were made, each with its time since launch', () => {
    const lines: string[] = [];
    const trace = createStartTrace((line) => lines.push(line), false);
    trace.mark('claimed');
    trace.mark('cluster');
    expect(lines).toEqual([]);
    expect(trace.summary()).toMatch(/^started in \d+ ms since launch \(claimed \d+, cluster \d+\)$/);
  });

  it('writes each mark as it is made when asked to', () => {
    const lines: string[] = [];
    const trace = createStartTrace((line) => lines.push(line), true);
    trace.mark('api');
    expect(lines).toEqual([expect.stringMatching(/^start: api at \d+ ms$/)]);
  });

  it('is asked for with DYNODECK_ENGINE_TRACE=1 only', () => {
    expect(traceWanted({ DYNODECK_ENGINE_TRACE: '1' })).toBe(true);
    expect(traceWanted({ DYNODECK_ENGINE_TRACE: '0' })).toBe(false);
    expect(traceWanted({})).toBe(false);
  });
});
