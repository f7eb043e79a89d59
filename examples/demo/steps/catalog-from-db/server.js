import { createServer } from 'node:http';
import { connect, readDatabase } from './src/db.js';
import { findProduct, formatPrice, listProducts } from './src/products.js';

const port = Number(process.env.PORT ?? 3000);
// The address to listen on when the platform sets HOST (dynodeck: loopback only); otherwise every interface.
const host = process.env.HOST;

let pool;
try {
  pool = connect();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderHome(products) {
  const items = products
    .map((p) => `      <li><a href="/products/${p.slug}">${escapeHtml(p.name)}</a> ${formatPrice(p.priceCents)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Brightcart</title></head>
  <body>
    <h1>Brightcart</h1>
    <p>Hand-made homeware, shipped from our workshop.</p>
    <ul>
${items}
    </ul>
  </body>
</html>
`;
}

async function route(req, res) {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');

  if (pathname === '/health') {
    sendJson(res, 200, { status: 'ok' });
  } else if (pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(renderHome(listProducts(await readDatabase(pool))));
  } else if (pathname === '/products') {
    sendJson(res, 200, listProducts(await readDatabase(pool)));
  } else if (pathname.startsWith('/products/')) {
    const product = findProduct(await readDatabase(pool), pathname.slice('/products/'.length));
    if (product) sendJson(res, 200, product);
    else sendJson(res, 404, { error: 'not_found', path: pathname });
  } else {
    sendJson(res, 404, { error: 'not_found', path: pathname });
  }
}

const server = createServer(async (req, res) => {
  const started = performance.now();
  res.on('finish', () => {
    const ms = (performance.now() - started).toFixed(1);
    console.log(`${req.method} ${req.url} ${res.statusCode} ${ms}ms`);
  });
  try {
    await route(req, res);
  } catch (error) {
    console.error(`${req.method} ${req.url} failed: ${error.stack}`);
    if (res.headersSent) res.destroy();
    else sendJson(res, 500, { error: 'internal_error' });
  }
});

server.listen(port, host, () => {
  console.log(`Brightcart listening on http://${host ?? 'localhost'}:${server.address().port}`);
});
