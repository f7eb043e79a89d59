// The catalog, moved out of src/products.js. Prices are whole cents (BC-101).
export const PRODUCTS = [
  { slug: 'linen-apron', name: 'Linen apron', priceCents: 2490 },
  { slug: 'oak-cutting-board', name: 'Oak cutting board', priceCents: 3950 },
  { slug: 'stoneware-mug', name: 'Stoneware mug', priceCents: 1400 },
  { slug: 'beeswax-candle', name: 'Beeswax candle', priceCents: 995 },
  { slug: 'wool-throw', name: 'Wool throw', priceCents: 8900 },
];

export async function up(db) {
  await db.query(`create table products (
    id serial primary key,
    slug text not null unique,
    name text not null,
    price_cents integer not null check (price_cents >= 0)
  )`);
  for (const { slug, name, priceCents } of PRODUCTS) {
    await db.query('insert into products (slug, name, price_cents) values ($1, $2, $3)', [slug, name, priceCents]);
  }
}
