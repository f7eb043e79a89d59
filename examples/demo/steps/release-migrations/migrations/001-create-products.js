// The catalog, moved out of src/products.js. Prices are whole cents (BC-101).
export function up(db) {
  db.products = [
    { slug: 'linen-apron', name: 'Linen apron', priceCents: 2490 },
    { slug: 'oak-cutting-board', name: 'Oak cutting board', priceCents: 3950 },
    { slug: 'stoneware-mug', name: 'Stoneware mug', priceCents: 1400 },
    { slug: 'beeswax-candle', name: 'Beeswax candle', priceCents: 995 },
    { slug: 'wool-throw', name: 'Wool throw', priceCents: 8900 },
  ];
}
