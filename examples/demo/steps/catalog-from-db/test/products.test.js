import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRODUCTS } from '../migrations/001-create-products.js';
import { findProduct, formatPrice, listProducts } from '../src/products.js';

// The catalog as the migrations seed it, kept in memory: the tests need no DATABASE_URL.
function seeded() {
  return { products: PRODUCTS.map((p) => ({ ...p })) };
}

test('lists every product with a slug, a name and a price in whole cents', () => {
  const products = listProducts(seeded());
  assert.ok(products.length > 0);
  for (const product of products) {
    assert.match(product.slug, /^[a-z0-9-]+$/);
    assert.equal(typeof product.name, 'string');
    assert.ok(Number.isInteger(product.priceCents), product.slug);
  }
});

test('finds a product by its slug', () => {
  const db = seeded();
  assert.equal(findProduct(db, 'stoneware-mug')?.name, 'Stoneware mug');
  assert.equal(findProduct(db, 'no-such-thing'), undefined);
});

test('hands out copies, so callers cannot change the catalog', () => {
  const db = seeded();
  listProducts(db)[0].name = 'Changed';
  assert.notEqual(listProducts(db)[0].name, 'Changed');
});

test('only shows the columns the shop publishes', () => {
  const db = { products: [{ slug: 'wool-throw', name: 'Wool throw', priceCents: 8900, supplier: 'Fell & Fold' }] };
  assert.deepEqual(listProducts(db), [{ slug: 'wool-throw', name: 'Wool throw', priceCents: 8900 }]);
});

test('a database without the products table is an error, not an empty shop', () => {
  assert.throws(() => listProducts({}), /relation "products" does not exist/);
});

test('formats prices with two decimals', () => {
  assert.equal(formatPrice(1400), '$14.00');
  assert.equal(formatPrice(2490), '$24.90');
  assert.equal(formatPrice(995), '$9.95');
  assert.equal(formatPrice(123456), '$1,234.56');
});
