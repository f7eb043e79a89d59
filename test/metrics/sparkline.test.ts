import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/metrics/sparkline.js';
import { downsample, fitRight } from '../../src/metrics/series.js';

describe('sparkline', () => {
  it('sparkline scales to the max and keeps its width', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], 9)).toBe('▁▁▂▃▄▅▆▇█');
    expect(sparkline([1, 2, 4], 3, { max: 8 })).toBe('▁▂▄');
    expect(sparkline([16], 1, { max: 8 })).toBe('█');
    // Short series are right-aligned, missing values are spaces.
    expect(sparkline([5, Number.NaN, 10], 6)).toBe('   ▄ █');
    expect(sparkline([], 4)).toBe('    ');
    expect(sparkline([0, 0], 2)).toBe('▁▁');
    // Long series are squeezed by max so a spike is not lost.
    const long = new Array(100).fill(1);
    long[57] = 10;
    const line = sparkline(long, 10);
    expect([...line]).toHaveLength(10);
    expect(line).toBe('▁▁▁▁▁█▁▁▁▁');
    expect(sparkline([1, 2, 3], 0)).toBe('');
  });

  it('series helpers', () => {
    expect(downsample([1, 2, 3, 4, 5, 6], 3)).toEqual([2, 4, 6]);
    expect(downsample([1, 2, 3, 4, 5, 6], 3, 'mean')).toEqual([1.5, 3.5, 5.5]);
    expect(downsample([1, undefined, undefined, undefined], 2, 'last')).toEqual([1, undefined]);
    expect(fitRight([1, 2, 3], 2)).toEqual([2, 3]);
    expect(fitRight([1], 3)).toEqual([undefined, undefined, 1]);
  });
});
