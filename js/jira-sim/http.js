// The simulator's own request/response values, and small builders for them.
// Request  {method, url (absolute, or path+query), headers (any case; object, array pairs or
//           Headers), body (string | undefined), baseUrl? (where `self` links point)}
// Response {status, headers (lowercase keys), body (string; '' for none)}

/** Thrown by handle() when the connection is to be dropped without an answer. */
export class DroppedConnection extends Error {
  constructor(when) {
    super(`jira-sim dropped the connection (${when})`);
    this.name = 'DroppedConnection';
    this.when = when; // 'before' (request not processed) | 'after' (processed, answer lost)
  }
}

function lowerHeaders(h) {
  const out = {};
  if (!h) return out;
  const entries = typeof h.entries === 'function' && !Array.isArray(h) ? [...h.entries()]
    : Array.isArray(h) ? h : Object.entries(h);
  for (const [k, v] of entries) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/** Parses a request into {method, path, query (URLSearchParams), headers, body, baseUrl}. */
export function normalizeRequest(req, defaultBase) {
  const url = new URL(req.url, 'http://sim.invalid');
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(req.url);
  return {
    method: String(req.method ?? 'GET').toUpperCase(),
    path: url.pathname.replace(/\/+$/, '') || '/',
    query: url.searchParams,
    headers: lowerHeaders(req.headers),
    body: req.body === undefined || req.body === null ? undefined : String(req.body),
    baseUrl: (req.baseUrl ?? (absolute ? url.origin : defaultBase)).replace(/\/+$/, ''),
  };
}

const JSON_TYPE = 'application/json;charset=UTF-8';

export function json(status, value, headers = {}) {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function empty(status, headers = {}) {
  return { status, headers: { ...headers }, body: '' };
}

/** True when the request declares a JSON body, as Jira requires for POST/PUT with a body. */
export function isJson(headers) {
  return /^application\/([\w.+-]*\+)?json\b/i.test(headers['content-type'] ?? '');
}

/** Query flag parsing as Jira does: only the string "true" (any case) is true. */
export function flag(query, name, dflt = false) {
  const v = query.get(name);
  return v === null ? dflt : v.toLowerCase() === 'true';
}

/** Non-negative integer query parameter, or `dflt`; NaN when malformed. */
export function int(query, name, dflt) {
  const v = query.get(name);
  if (v === null || v === '') return dflt;
  return /^-?\d+$/.test(v) ? Number(v) : NaN;
}
