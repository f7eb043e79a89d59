// The AWS JSON 1.0 wire form of the SDK's own model types: the same field names, with every
// timestamp as epoch seconds. Responses are built as Wire<...Output> from the SDK's published
// types, so a field the real service does not have fails to compile.

export type Wire<T> = T extends Date
  ? number
  : T extends ReadonlyArray<infer U>
    ? Array<Wire<U>>
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export function toWire<T>(value: T): Wire<T> {
  if (value instanceof Date) return (value.getTime() / 1000) as Wire<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => toWire(v)) as Wire<T>;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toWire(v)]),
    ) as Wire<T>;
  }
  return value as Wire<T>;
}

/** Epoch seconds (number, as the SDK sends them) or an ISO string, to epoch ms. */
export function fromWireTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}
