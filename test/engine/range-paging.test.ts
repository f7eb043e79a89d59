import { describe, expect, it } from 'vitest';
import { paginate, parseRange } from '../../src/engine/api/range-paging.js';

const items = [5, 1, 3, 2, 4].map((version) => ({ id: `id-${version}`, version }));
const key = (item: { id: string; version: number }, field: string) => (field === 'version' ? item.version : item.id);

describe('Range paging', () => {
  it('reads Heroku Range headers and names what is wrong with a bad one', () => {
    expect(parseRange('version ..; max=2, order=desc', ['id', 'version'], 'id')).toMatchObject({
      field: 'version',
      max: 2,
      order: 'desc',
    });
    expect(parseRange(undefined, ['id'], 'id')).toMatchObject({ field: 'id', max: 200 });
    expect(parseRange('name ..', ['id', 'version'], 'id')).toBe('Range field "name" is not one of id, version');
    expect(parseRange('id ..; max=0', ['id'], 'id')).toBe('Range max "0" is not a positive whole number');
  });

  it('cuts a list into pages joined by Next-Range, in either order', () => {
    const first = paginate(items, parseRange('version ..; max=2, order=desc', ['version'], 'version') as never, key);
    expect(first.items.map((i) => i.version)).toEqual([5, 4]);
    expect(first.nextRange).toBe('version ]4..; max=2, order=desc');
    const second = paginate(items, parseRange(first.nextRange, ['version'], 'version') as never, key);
    expect(second.items.map((i) => i.version)).toEqual([3, 2]);
    const last = paginate(items, parseRange(second.nextRange, ['version'], 'version') as never, key);
    expect(last.items.map((i) => i.version)).toEqual([1]);
    expect(last.nextRange).toBeUndefined();
  });
});
