// The bestsellers: the products sold most, best first; ties go by name.
import { table } from './db.js';

export function bestsellers(db, limit = 3) {
  return [...table(db, 'products')]
    .sort((a, b) => (b.unitsSold ?? 0) - (a.unitsSold ?? 0) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((product) => product.slug);
}
