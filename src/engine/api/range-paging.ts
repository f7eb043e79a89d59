// Heroku's list paging: `Range: <field> <start>..<end>; max=<n>, order=<asc|desc>`.
// A cut list answers 206 with `Next-Range` naming where the next page starts.
export interface RangeRequest {
  field: string;
  /** Exclusive start when it came from a Next-Range (`]value..`). */
  start?: string;
  startExclusive: boolean;
  end?: string;
  max: number;
  order: 'asc' | 'desc';
}

const DEFAULT_MAX = 200;
const LIMIT = 1000;

export function parseRange(
  header: string | undefined,
  fields: readonly string[],
  defaultField: string,
): RangeRequest | string {
  const base: RangeRequest = { field: defaultField, startExclusive: false, max: DEFAULT_MAX, order: 'asc' };
  if (!header || header.trim() === '') return base;
  const match = /^\s*([a-z_]+)\s*(\]?)([^.;]*)\.\.([^;]*)(?:;\s*(.*))?$/i.exec(header);
  if (!match) return `Range header "${header}" is not like "id ..; max=200"`;
  const [, field = '', exclusive, start = '', end = '', options = ''] = match;
  if (!fields.includes(field)) return `Range field "${field}" is not one of ${fields.join(', ')}`;
  const request: RangeRequest = { ...base, field, startExclusive: exclusive === ']' };
  if (start.trim()) request.start = start.trim();
  if (end.trim()) request.end = end.trim();
  for (const part of options
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value = ''] = part.split('=').map((s) => s.trim());
    if (key === 'max') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) return `Range max "${value}" is not a positive whole number`;
      request.max = Math.min(n, LIMIT);
    } else if (key === 'order') {
      if (value !== 'asc' && value !== 'desc') return `Range order "${value}" is not asc or desc`;
      request.order = value;
    }
  }
  return request;
}

export interface Page<T> {
  items: T[];
  /** Set when more items follow. */
  nextRange?: string;
  contentRange?: string;
}

export function paginate<T>(
  all: readonly T[],
  range: RangeRequest,
  keyOf: (item: T, field: string) => string | number,
): Page<T> {
  const compare = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  const typed = (item: T, raw: string) => (typeof keyOf(item, range.field) === 'number' ? Number(raw) : raw);
  const sorted = [...all].sort(
    (a, b) => compare(keyOf(a, range.field), keyOf(b, range.field)) * (range.order === 'asc' ? 1 : -1),
  );
  const inRange = sorted.filter((item) => {
    const key = keyOf(item, range.field);
    const dir = range.order === 'asc' ? 1 : -1;
    if (range.start !== undefined) {
      const c = compare(key, typed(item, range.start)) * dir;
      if (c < 0 || (c === 0 && range.startExclusive)) return false;
    }
    if (range.end !== undefined && compare(key, typed(item, range.end)) * dir > 0) return false;
    return true;
  });
  const items = inRange.slice(0, range.max);
  if (items.length === 0) return { items };
  const first = keyOf(items[0]!, range.field);
  const last = keyOf(items[items.length - 1]!, range.field);
  const page: Page<T> = { items, contentRange: `${range.field} ${first}..${last}` };
  if (inRange.length > items.length)
    page.nextRange = `${range.field} ]${last}..; max=${range.max}${range.order === 'desc' ? ', order=desc' : ''}`;
  return page;
}
