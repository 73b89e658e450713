// node:http glue without importing node:http: a (req, res) handler that answers from the
// simulator, for a standalone server (serve.js) or mounted under a prefix by the Node host.
// `self` links use the incoming Host and the prefix. A dropped connection destroys the socket.
import { DroppedConnection } from './http.js';

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * @param {{handle: Function}} sim
 * @param {{prefix?: string}} [options] e.g. '/jira-sim'; requests outside it are not handled
 * @returns {(req, res) => Promise<boolean>} resolves false when the request is not for the sim
 */
export function nodeHandler(sim, { prefix = '' } = {}) {
  const pre = prefix.replace(/\/+$/, '');
  return async function handleNode(req, res) {
    const url = req.url ?? '/';
    if (pre && !(url === pre || url.startsWith(`${pre}/`) || url.startsWith(`${pre}?`))) return false;
    const rest = url.slice(pre.length);
    const path = rest.startsWith('/') ? rest : `/${rest}`;
    const body = await readBody(req);
    const proto = req.socket?.encrypted ? 'https' : 'http';
    const baseUrl = `${proto}://${req.headers.host ?? 'localhost'}${pre}`;
    let out;
    try {
      out = await sim.handle({ method: req.method, url: path, headers: req.headers, body: body || undefined, baseUrl });
    } catch (err) {
      if (err instanceof DroppedConnection) {
        req.socket.destroy();
        return true;
      }
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`jira-sim internal error: ${err.message}`);
      return true;
    }
    res.writeHead(out.status, out.headers);
    res.end(out.body);
    return true;
  };
}
