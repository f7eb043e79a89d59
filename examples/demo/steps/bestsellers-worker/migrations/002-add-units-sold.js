// Units sold so far, copied from Sam's order spreadsheet at the end of last month.
// The worker ranks the bestsellers by them until checkout records orders (BC-105),
// and keeps its ranking in the bestsellers table for the front page.
export const SOLD = {
  'linen-apron': 41,
  'oak-cutting-board': 17,
  'stoneware-mug': 96,
  'beeswax-candle': 63,
  'wool-throw': 9,
};

export async function up(db) {
  await db.query('alter table products add column units_sold integer not null default 0');
  for (const [slug, sold] of Object.entries(SOLD)) {
    await db.query('update products set units_sold = $1 where slug = $2', [sold, slug]);
  }
  await db.query('create table bestsellers (rank integer primary key, slug text not null references products (slug))');
}
