import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findProduct, listProducts } from '../src/products.js';

test('lists every product with a slug, a name and a price', () => {
  const products = listProducts();
  assert.ok(products.length > 0);
  for (const product of products) {
    assert.match(product.slug, /^[a-z0-9-]+$/);
    assert.equal(typeof product.name, 'string');
    assert.equal(typeof product.price, 'number');
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
