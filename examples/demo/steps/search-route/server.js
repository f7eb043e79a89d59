import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { connect, readDatabase } from './src/db.js';
import { findProduct, formatPrice, listProducts, searchProducts } from './src/products.js';

const port = Number(process.env.PORT ?? 3000);
// The address to listen on when the platform sets HOST (dynodeck: loopback only); otherwise every interface.
const host = process.env.HOST;
// Heroku's dyno metadata (and dynodeck's local boxes) name the release: "v42".
const release = process.env.HEROKU_RELEASE_VERSION ?? null;

let pool;
try {
  pool = connect();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// `npm run build` copies static/ into public/ under hashed names, listed in a manifest.
const assets = readManifest();
const assetFiles = new Set(Object.values(assets));
const CONTENT_TYPES = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

function readManifest() {
  try {
    return JSON.parse(readFileSync(new URL('./public/manifest.json', import.meta.url), 'utf8'));
  } catch {
    console.warn('No public/manifest.json (run `npm run build`): pages go out without styles');
    return {};
  }
}

function sendAsset(res, name) {
  const body = readFileSync(new URL(`./public/${name}`, import.meta.url));
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
    'cache-control': 'public, max-age=31536000, immutable',
  });
  res.end(body);
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderHome(products, bestsellers) {
  const stylesheet = assets['app.css'] ? `
    <link rel="stylesheet" href="/assets/${assets['app.css']}">` : '';
  const top = bestsellers.length === 0 ? '' : `
    <p>Bestsellers: ${bestsellers.map((p) => escapeHtml(p.name)).join(', ')}</p>`;
  const items = products
    .map((p) => `      <li><a href="/products/${p.slug}">${escapeHtml(p.name)}</a> ${formatPrice(p.priceCents)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Brightcart</title>${stylesheet}
  </head>
  <body>
    <h1>Brightcart</h1>
    <p>Hand-made homeware, shipped from our workshop.</p>${top}
    <ul>
${items}
    </ul>
  </body>
</html>
`;
}

async function route(req, res) {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');

  if (pathname === '/health') {
    sendJson(res, 200, { status: 'ok', release });
  } else if (pathname.startsWith('/assets/') && assetFiles.has(pathname.slice('/assets/'.length))) {
    sendAsset(res, pathname.slice('/assets/'.length));
  } else if (pathname === '/') {
    const db = await readDatabase(pool);
    // Ranked by the worker; empty until it has run once.
    const top = (db.bestsellers ?? []).map(({ slug }) => findProduct(db, slug)).filter(Boolean);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(renderHome(listProducts(db), top));
  } else if (pathname === '/products') {
    const db = await readDatabase(pool);
    const query = searchParams.get('q');
    sendJson(res, 200, query === null ? listProducts(db) : searchProducts(db, query));
  } else if (pathname.startsWith('/products/')) {
    const product = findProduct(await readDatabase(pool), pathname.slice('/products/'.length));
    if (product) sendJson(res, 200, product);
    else sendJson(res, 404, { error: 'not_found', path: pathname });
  } else {
    sendJson(res, 404, { error: 'not_found', path: pathname });
  }
}

// Responses still being written, so that a SIGTERM can let them finish first.
const inFlight = new Set();
let stopping = false;

const server = createServer(async (req, res) => {
  const started = performance.now();
  inFlight.add(res);
  if (stopping) res.setHeader('connection', 'close');
  res.on('close', () => inFlight.delete(res));
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
  console.log(`Brightcart ${process.env.DYNO ?? 'web'} listening on http://${host ?? 'localhost'}:${server.address().port}`);
});

// Heroku stops a dyno with SIGTERM and kills it if it is still there ten seconds
// later. Stop accepting connections, let the requests in flight finish (and close
// their keep-alive connections), then exit on our own.
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  console.log(`SIGTERM received: finishing ${inFlight.size} request(s) in flight`);
  for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
  server.close(() => {
    console.log('Brightcart stopped');
    // Idle database connections would keep the process alive.
    void pool.end();
  });
});
