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

/**
 * Products matching every word of the query, in any order: each word has to
 * start one of the product's search terms. A blank query finds everything.
 */
export function searchProducts(db, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return table(db, 'products')
    .filter((p) => words.every((word) => (p.searchTerms ?? []).some((term) => term.startsWith(word))))
    .map(publicFields);
}

export function formatPrice(cents) {
  return dollars.format(cents / 100);
}
