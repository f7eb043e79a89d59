// The shop's catalog. It lives in memory until the range outgrows a single file.

const products = [
  { slug: 'linen-apron', name: 'Linen apron', price: 24.9 },
  { slug: 'oak-cutting-board', name: 'Oak cutting board', price: 39.5 },
  { slug: 'stoneware-mug', name: 'Stoneware mug', price: 14 },
  { slug: 'beeswax-candle', name: 'Beeswax candle', price: 9.95 },
  { slug: 'wool-throw', name: 'Wool throw', price: 89 },
];

export function listProducts() {
  return products.map((product) => ({ ...product }));
}

export function findProduct(slug) {
  const product = products.find((p) => p.slug === slug);
  return product ? { ...product } : undefined;
}

export function formatPrice(price) {
  return `$${price}`;
}
