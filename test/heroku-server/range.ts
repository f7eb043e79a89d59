// Heroku's list paging. `Range: <field> [<start>]..[<end>][; max=<n>][, order=asc|desc]`
// chooses the page; a list cut short answers 206 with `Next-Range` (an exclusive start,
// `]<last>..`) and `Content-Range`. Without a Range header a page holds 200 items; a
// page never holds more than 1000. heroku-client sends `id ..; max=1000` by default.
import { badRequest } from './errors.js';

export interface RangeRequest {
  field: string;
  start?: string;
  startExclusive: boolean;
  end?: string;
  max: number;
  order: 'asc' | 'desc';
}

export const DEFAULT_PAGE = 200;
export const MAX_PAGE = 1000;

export function parseRange(header: string | undefined, fields: readonly string[]): RangeRequest {
  const request: RangeRequest = { field: fields[0] ?? 'id', startExclusive: false, max: DEFAULT_PAGE, order: 'asc' };
  if (!header || header.trim() === '') return request;
  const match = /^\s*([a-z_]+)\s+(\]?)([^.;]*)\.\.([^;]*?)\s*(?:;\s*(.*))?$/i.exec(header);
  if (!match) throw badRequest(`Invalid Range header: ${header}`);
  const [, field = '', exclusive = '', start = '', end = '', options = ''] = match;
  if (!fields.includes(field)) throw badRequest(`Invalid Range header: ${field} is not one of ${fields.join(', ')}`);
  request.field = field;
  request.startExclusive = exclusive === ']';
  if (start.trim()) request.start = start.trim();
  if (end.trim()) request.end = end.trim();
  for (const part of options
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    if (key === 'max') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid Range header: max=${value}`);
      request.max = Math.min(n, MAX_PAGE);
    } else if (key === 'order') {
      if (value !== 'asc' && value !== 'desc') throw badRequest(`Invalid Range header: order=${value}`);
      request.order = value;
    }
  }
  return request;
}

export interface Page<T> {
  items: T[];
  status: 200 | 206;
  headers: Record<string, string>;
}

export function paginate<T>(
  all: readonly T[],
  range: RangeRequest,
  keyOf: (item: T, field: string) => string | number,
): Page<T> {
  const numeric = all.length > 0 && typeof keyOf(all[0]!, range.field) === 'number';
  const value = (raw: string) => (numeric ? Number(raw) : raw);
  const compare = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0;
  const dir = range.order === 'asc' ? 1 : -1;
  const inRange = [...all]
    .sort((a, b) => compare(keyOf(a, range.field), keyOf(b, range.field)) * dir)
    .filter((item) => {
      const key = keyOf(item, range.field);
      if (range.start !== undefined) {
        const c = compare(key, value(range.start)) * dir;
        if (c < 0 || (c === 0 && range.startExclusive)) return false;
      }
      return range.end === undefined || compare(key, value(range.end)) * dir <= 0;
    });
  const items = inRange.slice(0, range.max);
  const headers: Record<string, string> = {};
  const order = range.order === 'desc' ? 'order=desc, ' : '';
  if (items.length > 0) {
    const first = keyOf(items[0]!, range.field);
    const last = keyOf(items[items.length - 1]!, range.field);
    headers['Content-Range'] = `${range.field} ${first}..${last}; ${order}max=${range.max}`;
    if (inRange.length > items.length) {
      headers['Next-Range'] = `${range.field} ]${last}..; ${order}max=${range.max}`;
      return { items, status: 206, headers };
    }
  }
  return { items, status: 200, headers };
}
