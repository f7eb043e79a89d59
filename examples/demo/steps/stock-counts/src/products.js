// The catalog, read from the database (see migrations/). Every function takes the
// database document, so the tests can hand in a plain object instead of a file.
import { table } from './db.js';

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** What the shop shows of a product: a copy, without internal columns. */
function publicFields({ slug, name, priceCents, stock }) {
  return { slug, name, priceCents, stock };
}

export function listProducts(db) {
  return table(db, 'products').map(publicFields);
}

export function findProduct(db, slug) {
  const product = table(db, 'products').find((p) => p.slug === slug);
  return product ? publicFields(product) : undefined;
}

export function isInStock(product) {
  return product.stock > 0;
}

export function formatPrice(cents) {
  return dollars.format(cents / 100);
}
