// The AWS JSON 1.0 form of the SDK's model types: the same member names, timestamps as epoch
// seconds, absent members left out. Responses are typed Wire<...Output> from the SDK's own
// published types, so a member CloudWatch does not have fails to compile.
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

/** A timestamp member: epoch seconds as the SDK sends them, or an ISO 8601 string; epoch ms. */
export function wireTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value === 'string' && value.trim() !== '') {
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : at;
  }
  return undefined;
}
