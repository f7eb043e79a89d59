import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRODUCTS } from '../migrations/001-create-products.js';
import { STOCK } from '../migrations/003-add-stock.js';
import { findProduct, formatPrice, isInStock, listProducts } from '../src/products.js';

// The catalog as the migrations seed it, kept in memory: the tests need no DATABASE_URL.
function seeded() {
  return { products: PRODUCTS.map((p) => ({ ...p, stock: STOCK[p.slug] ?? 0 })) };
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
  const db = { products: [{ slug: 'wool-throw', name: 'Wool throw', priceCents: 8900, stock: 2, supplier: 'Fell & Fold' }] };
  assert.deepEqual(listProducts(db), [{ slug: 'wool-throw', name: 'Wool throw', priceCents: 8900, stock: 2 }]);
});

test('a database without the products table is an error, not an empty shop', () => {
  assert.throws(() => listProducts({}), /relation "products" does not exist/);
});

test('every product has a whole, non-negative stock count', () => {
  for (const product of listProducts(seeded())) {
    assert.ok(Number.isInteger(product.stock) && product.stock >= 0, product.slug);
  }
});

test('a product with no stock left is not in stock', () => {
  assert.equal(isInStock({ stock: 0 }), false);
  assert.equal(isInStock({ stock: 3 }), true);
  assert.equal(isInStock(findProduct(seeded(), 'beeswax-candle')), false);
});

test('formats prices with two decimals', () => {
  assert.equal(formatPrice(1400), '$14.00');
  assert.equal(formatPrice(2490), '$24.90');
  assert.equal(formatPrice(995), '$9.95');
  assert.equal(formatPrice(123456), '$1,234.56');
});
