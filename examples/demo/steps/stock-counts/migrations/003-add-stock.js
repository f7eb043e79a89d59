// Stock on hand, from Monday's count in the workshop.
import { table } from '../src/db.js';

const STOCK = {
  'linen-apron': 12,
  'oak-cutting-board': 4,
  'stoneware-mug': 30,
  'beeswax-candle': 0,
  'wool-throw': 2,
};

export function up(db) {
  for (const product of table(db, 'products')) product.stock = STOCK[product.slug] ?? 0;
}
