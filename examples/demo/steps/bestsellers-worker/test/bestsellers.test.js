import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRODUCTS } from '../migrations/001-create-products.js';
import { SOLD } from '../migrations/002-add-units-sold.js';
import { bestsellers } from '../src/bestsellers.js';

test('ranks the three products sold most, best first', () => {
  const db = { products: PRODUCTS.map((p) => ({ ...p, unitsSold: SOLD[p.slug] ?? 0 })) };
  assert.deepEqual(bestsellers(db), ['stoneware-mug', 'beeswax-candle', 'linen-apron']);
});

test('breaks ties by name and counts unknown sales as none', () => {
  const db = {
    products: [
      { slug: 'wool-throw', name: 'Wool throw', unitsSold: 5 },
      { slug: 'linen-apron', name: 'Linen apron', unitsSold: 5 },
      { slug: 'oak-cutting-board', name: 'Oak cutting board' },
    ],
  };
  assert.deepEqual(bestsellers(db, 2), ['linen-apron', 'wool-throw']);
  assert.equal(bestsellers(db).at(-1), 'oak-cutting-board');
});
