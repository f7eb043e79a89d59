// Related products for the product page: the best-selling other products,
// until orders tell us what is bought together (BC-108).
import { setTimeout as delay } from 'node:timers/promises';
import { table } from './db.js';

// One lookup per product, the way the Postgres catalog (BC-106) will answer
// them; until then QUERY_MS stands in for a query's round trip, so the page is
// timed the way it will run.
const QUERY_MS = 350;

async function loadProduct(db, slug) {
  await delay(QUERY_MS);
  return table(db, 'products').find((p) => p.slug === slug);
}

/** Up to `limit` other products, best-selling first, as { slug, name, priceCents }. */
export async function relatedProducts(db, slug, { limit = 3, load = loadProduct } = {}) {
  const candidates = [];
  for (const { slug: other } of table(db, 'products')) {
    if (other === slug) continue;
    const product = await load(db, other);
    if (product) candidates.push(product);
  }
  return candidates
    .sort((a, b) => (b.unitsSold ?? 0) - (a.unitsSold ?? 0) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ slug: s, name, priceCents }) => ({ slug: s, name, priceCents }));
}
