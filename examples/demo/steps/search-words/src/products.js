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

// Every word has to match somewhere in the name, in any order ("board oak").
export function searchProducts(query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return listProducts().filter((p) => {
    const name = p.name.toLowerCase();
    return words.every((word) => name.includes(word));
  });
}

export function formatPrice(cents) {
  return dollars.format(cents / 100);
}
