import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findProduct, formatPrice, listProducts, searchProducts } from '../src/products.js';

test('lists every product with a slug, a name and a price in whole cents', () => {
  const products = listProducts();
  assert.ok(products.length > 0);
  for (const product of products) {
    assert.match(product.slug, /^[a-z0-9-]+$/);
    assert.equal(typeof product.name, 'string');
    assert.ok(Number.isInteger(product.priceCents), product.slug);
  }
});

test('finds a product by its slug', () => {
  assert.equal(findProduct('stoneware-mug')?.name, 'Stoneware mug');
  assert.equal(findProduct('no-such-thing'), undefined);
});

test('hands out copies, so callers cannot change the catalog', () => {
  listProducts()[0].name = 'Changed';
  assert.notEqual(listProducts()[0].name, 'Changed');
});

test('formats prices with two decimals', () => {
  assert.equal(formatPrice(1400), '$14.00');
  assert.equal(formatPrice(2490), '$24.90');
  assert.equal(formatPrice(995), '$9.95');
  assert.equal(formatPrice(123456), '$1,234.56');
});

test('searches product names, ignoring case', () => {
  assert.deepEqual(searchProducts('MUG').map((p) => p.slug), ['stoneware-mug']);
  assert.deepEqual(searchProducts('teapot'), []);
});

test('a blank search finds everything', () => {
  assert.equal(searchProducts('  ').length, listProducts().length);
});
