import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRODUCTS } from '../migrations/001-create-products.js';
import { SOLD } from '../migrations/002-add-units-sold.js';
import { relatedProducts } from '../src/related.js';

function seeded() {
  return { products: PRODUCTS.map((p) => ({ ...p, unitsSold: SOLD[p.slug] ?? 0 })) };
}

// The tests look products up straight from the in-memory catalog.
const load = async (db, slug) => db.products.find((p) => p.slug === slug);

test('lists three other products, best-selling first', async () => {
  const related = await relatedProducts(seeded(), 'oak-cutting-board', { load });
  assert.deepEqual(related.map((p) => p.slug), ['stoneware-mug', 'beeswax-candle', 'linen-apron']);
});

test('never lists the product itself', async () => {
  const related = await relatedProducts(seeded(), 'stoneware-mug', { load });
  assert.deepEqual(related.map((p) => p.slug), ['beeswax-candle', 'linen-apron', 'oak-cutting-board']);
});

test('shows only what the shop publishes', async () => {
  const [first] = await relatedProducts(seeded(), 'wool-throw', { load, limit: 1 });
  assert.deepEqual(first, { slug: 'stoneware-mug', name: 'Stoneware mug', priceCents: 1400 });
});
