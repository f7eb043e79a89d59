import { describe, expect, it } from 'vitest';
import { parseScaleArgs } from '../../src/domain/scale-args.js';

describe('parseScaleArgs', () => {
  it('reads absolute and relative changes against the formation', () => {
    expect(parseScaleArgs(['web=3', 'worker+1'], { web: 1, worker: 1 })).toEqual({ web: 3, worker: 2 });
    expect(parseScaleArgs(['web-1'], { web: 2 })).toEqual({ web: 1 });
  });
  it('names what is wrong', () => {
    expect(parseScaleArgs(['web'], { web: 1 })).toBe('"web" is not like web=3, worker+1 or web-1');
    expect(parseScaleArgs(['clock=1'], { web: 1 })).toBe('there is no process type "clock" (known: web)');
    expect(parseScaleArgs(['web-2'], { web: 1 })).toBe('web cannot go below 0 (it is 1)');
  });
});
