// Serves the harness's static files over node:http: a handler to mount in another server
// (`usersync serve` mounts it at /harness) and a stand-alone CLI for development:
//   node js/browser/serve.mjs [--port 8090] [--host 127.0.0.1]   → http://127.0.0.1:8090/
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { harnessFiles } from './files.mjs';

/**
 * (req, res) => Promise<boolean>: answers GET/HEAD for the harness's files under `prefix`
 * (e.g. '/harness'), false for anything else so the caller can route it. The file list is
 * read on the first request and kept; `fresh: true` reads it per request (development).
 * Before the WASM build exists the harness answers 503 saying so.
 */
export function harnessHandler({ prefix = '', fresh = false } = {}) {
  let files = null;
  return async function handle(req, res) {
    const url = new URL(req.url, 'http://harness.invalid');
    if (url.pathname === prefix && prefix !== '') {
      res.writeHead(301, { location: `${prefix}/` }).end();
      return true;
    }
    if (!url.pathname.startsWith(`${prefix}/`)) return false;
    try {
      if (fresh || !files) files = harnessFiles();
    } catch (err) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(`${err.message}\n`);
      return true;
    }
    const rel = decodeURIComponent(url.pathname.slice(prefix.length + 1)) || 'index.html';
    const entry = files.get(rel);
    if (!entry) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else if (entry.content !== undefined) res.end(entry.content);
    else createReadStream(entry.file).pipe(res);
    return true;
  };
}

/** A server with only the harness at `/`. Resolves once listening; `port: 0` picks one. */
export function serveHarness({ port = 0, host = '127.0.0.1', fresh = false } = {}) {
  const handle = harnessHandler({ fresh });
  const server = http.createServer(async (req, res) => {
    if (!(await handle(req, res))) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const server = await serveHarness({ port: Number(arg('port', 8090)), host: arg('host', '127.0.0.1'), fresh: true });
  const { address, port } = server.address();
  console.log(`usersync harness: http://${address}:${port}/`);
}
