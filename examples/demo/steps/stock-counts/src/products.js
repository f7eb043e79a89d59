// The shop's catalog. It lives in memory until the range outgrows a single file.

const products = [
  { slug: 'linen-apron', name: 'Linen apron', price: 24.9, stock: 12 },
  { slug: 'oak-cutting-board', name: 'Oak cutting board', price: 39.5, stock: 4 },
  { slug: 'stoneware-mug', name: 'Stoneware mug', price: 14, stock: 30 },
  { slug: 'beeswax-candle', name: 'Beeswax candle', price: 9.95, stock: 0 },
  { slug: 'wool-throw', name: 'Wool throw', price: 89, stock: 2 },
];

export function listProducts() {
  return products.map((product) => ({ ...product }));
}

export function findProduct(slug) {
  const product = products.find((p) => p.slug === slug);
  return product ? { ...product } : undefined;
}

export function isInStock(product) {
  return product.stock > 0;
}

export function formatPrice(price) {
  return `$${price}`;
}
