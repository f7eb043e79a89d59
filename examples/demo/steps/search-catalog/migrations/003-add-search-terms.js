// Search terms per product: the words of its name, plus the words customers
// actually type for it (from the "I can't find the..." emails Sam forwarded).
export const ALSO_CALLED = {
  'oak-cutting-board': ['chopping'],
  'stoneware-mug': ['cup'],
  'wool-throw': ['blanket'],
};

export function searchTerms({ slug, name }) {
  return [...name.toLowerCase().split(/\s+/), ...(ALSO_CALLED[slug] ?? [])];
}

export async function up(db) {
  await db.query("alter table products add column search_terms text[] not null default '{}'");
  const { rows } = await db.query('select slug, name from products');
  for (const product of rows) {
    await db.query('update products set search_terms = $1 where slug = $2', [searchTerms(product), product.slug]);
  }
}
