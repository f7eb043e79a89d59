// The catalog, read from the database (see migrations/). Every function takes the
// database document, so the tests can hand in a plain object instead of a file.
import { table } from './db.js';

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** What the shop shows of a product: a copy, without internal columns. */
function publicFields({ slug, name, priceCents }) {
  return { slug, name, priceCents };
}

export function listProducts(db) {
  return table(db, 'products').map(publicFields);
}

export function findProduct(db, slug) {
  const product = table(db, 'products').find((p) => p.slug === slug);
  return product ? publicFields(product) : undefined;
}

/** Products whose search terms contain the query, ignoring case; a blank query finds everything. */
export function searchProducts(db, query) {
  const needle = query.trim().toLowerCase();
  return table(db, 'products')
    .filter((p) => (p.searchTerms ?? []).join(' ').includes(needle))
    .map(publicFields);
}

export function formatPrice(cents) {
  return dollars.format(cents / 100);
}
