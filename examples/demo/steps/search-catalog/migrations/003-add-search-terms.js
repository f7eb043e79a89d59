// Search terms per product: the words of its name, plus the words customers
// actually type for it (from the "I can't find the..." emails Sam forwarded).
import { table } from '../src/db.js';

const ALSO_CALLED = {
  'oak-cutting-board': ['chopping'],
  'stoneware-mug': ['cup'],
  'wool-throw': ['blanket'],
};

export function up(db) {
  for (const product of table(db, 'products')) {
    product.searchTerms = [...product.name.toLowerCase().split(/\s+/), ...(ALSO_CALLED[product.slug] ?? [])];
  }
}
