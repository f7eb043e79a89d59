// A row of block characters for a series; a space where there is no data.
import { downsample, fitRight } from './series.js';

const BLOCKS = '▁▂▃▄▅▆▇█';

export interface SparklineOptions {
  /** The value drawn as a full block; defaults to the series' own max. */
  max?: number;
}

/** Always exactly `width` characters: a longer series is downsampled (max), a shorter one right-aligned. */
export function sparkline(
  values: ReadonlyArray<number | undefined>,
  width: number,
  opts: SparklineOptions = {},
): string {
  const points = fitRight(downsample(values, width), width);
  const present = points.filter((v): v is number => v !== undefined);
  const max = opts.max ?? (present.length > 0 ? Math.max(...present) : 0);
  return points.map((value) => (value === undefined ? ' ' : block(value, max))).join('');
}

function block(value: number, max: number): string {
  if (!(max > 0) || value <= 0) return BLOCKS[0]!;
  const level = Math.ceil((Math.min(value, max) / max) * BLOCKS.length) - 1;
  return BLOCKS[Math.max(0, Math.min(BLOCKS.length - 1, level))]!;
}
