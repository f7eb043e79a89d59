// Stock on hand, from Monday's count in the workshop.
export const STOCK = {
  'linen-apron': 12,
  'oak-cutting-board': 4,
  'stoneware-mug': 30,
  'beeswax-candle': 0,
  'wool-throw': 2,
};

export async function up(db) {
  await db.query('alter table products add column stock integer not null default 0 check (stock >= 0)');
  for (const [slug, stock] of Object.entries(STOCK)) {
    await db.query('update products set stock = $1 where slug = $2', [stock, slug]);
  }
}
