// A standalone node:http server for the simulator (`usersync jira-sim --port P`).
import http from 'node:http';
import { createJiraSim } from './create.js';
import { nodeHandler } from './node.js';

/**
 * Starts listening at once; wait for the 'listening' event (or use listen()) before calling.
 * @param {{port?: number, host?: string, sim?: object, prefix?: string}} [options]
 * @returns {http.Server & {sim: object}}
 */
export function serveJiraSim({ port = 0, host = '127.0.0.1', sim = createJiraSim(), prefix = '' } = {}) {
  const handle = nodeHandler(sim, { prefix });
  const server = http.createServer((req, res) => {
    handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
      }
    });
  });
  server.sim = sim;
  server.listen(port, host);
  return server;
}

/** Resolves with the server once it listens, and its base URL. */
export function listen(options) {
  const server = serveJiraSim(options);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      const { address, port } = server.address();
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({ server, url: `http://${host}:${port}${options?.prefix ?? ''}` });
    });
  });
}
