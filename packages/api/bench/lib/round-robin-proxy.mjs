/**
 * A small round-robin HTTP proxy, as a load balancer in front of several API instances would be
 * (keep-alive to each upstream, one request to each in turn). For the scale-out bench only.
 *
 *   node round-robin-proxy.mjs http://127.0.0.1:4001 http://127.0.0.1:4002
 */
import http from 'node:http';

const upstreams = process.argv.slice(2).map((u) => new URL(u));
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let next = 0;

const server = http.createServer((req, res) => {
  const target = upstreams[next];
  next = (next + 1) % upstreams.length;
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`upstream error: ${error.message}`);
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () =>
  console.log(`round-robin proxy over ${upstreams.length} instance(s) listening at http://127.0.0.1:${server.address().port}`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
