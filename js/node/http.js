// node:http plumbing for the Node host: bounded body reading, JSON and SCIM answers, static
// files, and request logs that never hold a secret.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The largest request body the host reads (the issue's 1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Thrown by readBody when the body passes the limit. */
export class BodyTooLarge extends Error {
  constructor(limit) {
    super(`request body is larger than ${limit} bytes`);
    this.name = 'BodyTooLarge';
    this.limit = limit;
  }
}

/**
 * Reads the whole body as UTF-8, refusing (before reading it all) one larger than `limit`.
 * A Content-Length over the limit fails at once; a chunked body fails when it crosses it.
 */
export function readBody(req, limit = MAX_BODY_BYTES) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume(); // drain the rest so the answer can still be written
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** A SCIM 2.0 error body (RFC 7644 §3.12) for failures the host answers itself. */
export function sendScimError(res, status, detail, scimType) {
  const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail };
  if (scimType) body.scimType = scimType;
  res.writeHead(status, { 'content-type': 'application/scim+json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Serves `rel` from directory `dir`, refusing anything outside it. Resolves false when there
 * is no such file.
 */
export async function sendStatic(res, dir, rel) {
  const file = path.resolve(dir, `.${path.posix.normalize(`/${rel}`)}`);
  if (!file.startsWith(path.resolve(dir) + path.sep)) return false;
  const type = TYPES[path.extname(file)];
  if (!type) return false;
  let body;
  try {
    body = await readFile(file);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
  });
  res.end(body);
  return true;
}

/**
 * One log line per request: method, path without its query (filters can hold user names),
 * status and time. No headers, no bodies, no tokens.
 */
export function requestLog(log, req, res, started) {
  const pathOnly = (req.url ?? '/').split('?')[0];
  log('info', { event: 'http', method: req.method, path: redactPath(pathOnly), status: res.statusCode, ms: Date.now() - started });
}

/** The sim and the SCIM paths carry no secrets; anything looking like a token is masked anyway. */
function redactPath(p) {
  return p.replace(/[A-Za-z0-9_-]{40,}/g, '…');
}
