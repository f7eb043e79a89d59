// Fitting a series to a number of terminal columns.

export type Reduce = 'max' | 'mean' | 'last';

/**
 * `values` squeezed into `width` points, each the max (default), mean or last of the
 * values it covers; missing (undefined or non-finite) values are skipped, and a point
 * that covers only missing values is undefined. A shorter series is returned as is.
 */
export function downsample(
  values: ReadonlyArray<number | undefined>,
  width: number,
  reduce: Reduce = 'max',
): Array<number | undefined> {
  const columns = Math.max(0, Math.floor(width));
  if (values.length <= columns) return values.map(present);
  const result: Array<number | undefined> = [];
  for (let column = 0; column < columns; column++) {
    const start = Math.floor((column * values.length) / columns);
    const end = Math.floor(((column + 1) * values.length) / columns);
    const group = values
      .slice(start, end)
      .map(present)
      .filter((v): v is number => v !== undefined);
    result.push(combine(group, reduce));
  }
  return result;
}

/** The newest `width` values, padded on the left with undefined (no data) to exactly `width`. */
export function fitRight(values: ReadonlyArray<number | undefined>, width: number): Array<number | undefined> {
  const columns = Math.max(0, Math.floor(width));
  const tail = columns === 0 ? [] : values.slice(-columns);
  return [...new Array<undefined>(columns - tail.length).fill(undefined), ...tail];
}

function present(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function combine(group: number[], reduce: Reduce): number | undefined {
  if (group.length === 0) return undefined;
  if (reduce === 'last') return group[group.length - 1];
  if (reduce === 'mean') return group.reduce((sum, v) => sum + v, 0) / group.length;
  return group.reduce((a, b) => Math.max(a, b));
}
