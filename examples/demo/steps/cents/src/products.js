// The shop's catalog. It lives in memory until the range outgrows a single file.

// Prices are whole cents: adding up floats gave totals like $29.849999999999998.
const products = [
  { slug: 'linen-apron', name: 'Linen apron', priceCents: 2490 },
  { slug: 'oak-cutting-board', name: 'Oak cutting board', priceCents: 3950 },
  { slug: 'stoneware-mug', name: 'Stoneware mug', priceCents: 1400 },
  { slug: 'beeswax-candle', name: 'Beeswax candle', priceCents: 995 },
  { slug: 'wool-throw', name: 'Wool throw', priceCents: 8900 },
];

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function listProducts() {
  return products.map((product) => ({ ...product }));
}

export function findProduct(slug) {
  const product = products.find((p) => p.slug === slug);
  return product ? { ...product } : undefined;
}

export function formatPrice(cents) {
  return dollars.format(cents / 100);
}
