// The Node host's HTTP routes (node:http). It decides nothing about users or groups: it maps
// requests to the core and answers with what the core returns.
//
//   /scim/…          → core.handle (1 MiB body limit, SCIM content types)
//   /admin/          → the admin UI (js/admin/), /admin/api/{method} → the admin API (admin secret)
//   /jira-sim/…      → the in-process Jira simulator, when Jira is simulated
//   /harness/        → the browser harness (js/browser/): the core in a page, against a simulated Jira
//   /healthz         → liveness and the store's reachability
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { BodyTooLarge, MAX_BODY_BYTES, readBody, requestLog, sendJson, sendScimError, sendStatic } from './http.js';
import { bearer, verifyAdminSecret } from './admin-auth.js';
import { asCoreError } from './core.js';
import { harnessHandler } from '../browser/serve.mjs';

const ADMIN_DIR = fileURLToPath(new URL('../admin/', import.meta.url));

/**
 * @param {object} app
 * @param {{handle: Function}} app.core
 * @param {import('./store.js').Store} app.store
 * @param {{call: Function}} app.admin admin-api.js
 * @param {((req, res) => Promise<boolean>) | null} app.jiraSim mounted simulator, or null
 * @param {(level: string, event: object) => void} app.log
 * @param {() => string} app.publicUrl the origin IdPs reach this server at
 * @param {number} app.inlineDrainMs how long a SCIM write may spend on its Jira work before answering
 * @returns {http.Server}
 */
export function createServer(app) {
  const route = router(app);
  return http.createServer(async (req, res) => {
    const started = Date.now();
    res.on('finish', () => requestLog(app.log, req, res, started));
    try {
      await route(req, res);
    } catch (err) {
      app.log('error', { event: 'http.error', path: (req.url ?? '').split('?')[0], msg: err?.message ?? String(err) });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error; see the server log' });
      else res.destroy();
    }
  });
}

function router({ core, store, admin, jiraSim, publicUrl, inlineDrainMs }) {
  const scimOptions = { baseUrl: () => `${publicUrl()}/scim`, drainBudgetMs: inlineDrainMs };
  const harness = harnessHandler({ prefix: '/harness' });
  return async function route(req, res) {
    const url = new URL(req.url ?? '/', 'http://host');
    const p = url.pathname;
    if (p === '/scim' || p.startsWith('/scim/')) return scim(core, req, res, url, scimOptions);
    if (p.startsWith('/admin/api/')) return adminApi(store, admin, req, res, p.slice('/admin/api/'.length));
    if (p === '/admin' || p === '/') return redirect(res, '/admin/');
    if (p.startsWith('/admin/')) return adminStatic(res, p.slice('/admin/'.length));
    if (p === '/healthz') return health(store, res);
    if (await harness(req, res)) return undefined;
    if (jiraSim && (await jiraSim(req, res))) return undefined;
    return sendJson(res, 404, { error: `no route for ${p}` });
  };
}

/**
 * SCIM: the request as the core's envelope; the body is read only up to 1 MiB. `baseUrl` is
 * the public mount (for Location and meta.location); `drainBudgetMs` lets a write start its
 * Jira work before answering, the background drain does the rest.
 */
async function scim(core, req, res, url, { baseUrl, drainBudgetMs }) {
  let body;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      res.setHeader('connection', 'close');
      return sendScimError(res, 413, `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB), the most this server accepts.`, 'tooLarge');
    }
    throw err;
  }
  const out = await core.handle({
    method: req.method,
    path: url.pathname.slice('/scim'.length) || '/',
    query: url.search.replace(/^\?/, ''),
    headers: headerPairs(req),
    body: body === '' ? null : body,
    baseUrl: baseUrl(),
    drainBudgetMs,
  });
  res.writeHead(out.status, Array.isArray(out.headers) ? Object.fromEntries(out.headers) : out.headers ?? {});
  res.end(out.body ?? '');
  return undefined;
}

/** Header pairs in arrival order, lowercased; repeated headers stay repeated. */
function headerPairs(req) {
  const pairs = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i].toLowerCase(), req.rawHeaders[i + 1]]);
  return pairs;
}

/** POST /admin/api/{method} with JSON args → JSON result; the admin secret as a bearer token. */
async function adminApi(store, admin, req, res, method) {
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST with a JSON object of arguments' }, { allow: 'POST' });
  if (!(await verifyAdminSecret(store, bearer(req)))) {
    req.resume();
    return sendJson(res, 401, { error: 'sign in with the admin secret (Authorization: Bearer <secret>)' }, { 'www-authenticate': 'Bearer realm="usersync admin"' });
  }
  let args;
  try {
    const text = await readBody(req, MAX_BODY_BYTES);
    args = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    if (err instanceof BodyTooLarge) return sendJson(res, 413, { error: err.message });
    return sendJson(res, 400, { error: `expected a JSON object of arguments: ${err.message}` });
  }
  let name;
  try {
    name = decodeURIComponent(method);
  } catch {
    return sendJson(res, 404, { error: 'unknown admin method' });
  }
  try {
    const result = await admin.call(name, args);
    return sendJson(res, 200, { result: result ?? null });
  } catch (err) {
    const e = asCoreError(err);
    return sendJson(res, e.status, { error: e.message, code: e.code });
  }
}

async function adminStatic(res, rel) {
  if (await sendStatic(res, ADMIN_DIR, rel === '' ? 'index.html' : rel)) return;
  sendJson(res, 404, { error: 'no such admin page' });
}

async function health(store, res) {
  try {
    await store.get('health');
    sendJson(res, 200, { ok: true, store: store.describe().kind });
  } catch (err) {
    sendJson(res, 503, { ok: false, store: store.describe().kind, error: 'store unreachable' });
  }
}

function redirect(res, location) {
  res.writeHead(302, { location });
  res.end();
}
