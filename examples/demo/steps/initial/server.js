import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 3000);
// The address to listen on when the platform sets HOST (dynodeck: loopback only); otherwise every interface.
const host = process.env.HOST;

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function route(req, res) {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');

  if (pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html>\n<title>Brightcart</title>\n<h1>Brightcart</h1>\n<p>Hand-made homeware, coming soon.</p>\n');
  } else if (pathname === '/health') {
    sendJson(res, 200, { status: 'ok' });
  } else {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
  }
}

const server = createServer(route);

server.listen(port, host, () => {
  console.log(`Brightcart listening on http://${host ?? 'localhost'}:${server.address().port}`);
});
