// Forge web trigger request ⇄ the core's request envelope. Pure: no Forge calls here.
//
// Forge sends {method, path, userPath, headers: {name: [values]}, queryParameters: {name:
// [values]}, body} and expects {statusCode, headers: {name: [values]}, body}. With
// `urlFormat: v2` the path after the trigger id (what Okta appends: /Users, /Groups/{id})
// arrives as `userPath`; `path` is the whole path, /public/{id}/… (or /x1/{id}/… for v1 URLs).

const TRIGGER_PREFIX = /^\/(?:public|x1)\/[^/]+/;

/** The SCIM path under the trigger URL, always starting with '/'. */
export function scimPath(request) {
  const raw = typeof request.userPath === 'string' ? request.userPath : (request.path ?? '').replace(TRIGGER_PREFIX, '');
  return raw.startsWith('/') ? raw : `/${raw}`;
}

/** queryParameters back into a query string (percent-encoded; no '+' for spaces). */
export function queryString(params = {}) {
  return Object.entries(params ?? {})
    .flatMap(([k, values]) => [values].flat().map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
}

/** Header pairs, names lowercased, repeated headers kept. */
export function headerPairs(headers = {}) {
  return Object.entries(headers ?? {}).flatMap(([name, values]) => [values].flat().map((v) => [name.toLowerCase(), String(v)]));
}

/**
 * The core's request envelope (the shape the Node host sends too).
 * @param {object} request Forge's web trigger request
 * @param {{baseUrl: string, drainBudgetMs: number, licensed?: boolean}} options baseUrl: the
 *   trigger URL, the public root of every SCIM location the core writes; licensed: false
 *   when the app's licence is inactive (the core then answers 403)
 */
export function toCoreRequest(request, { baseUrl, drainBudgetMs, licensed = true }) {
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    path: scimPath(request),
    query: queryString(request.queryParameters),
    headers: headerPairs(request.headers),
    body: request.body === undefined || request.body === '' ? null : request.body,
    baseUrl,
    drainBudgetMs,
    licensed,
  };
}

/** The core's {status, headers, body} (headers an object or pairs) as Forge's response. */
export function toForgeResponse({ status, headers = {}, body }) {
  const grouped = {};
  for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers)) (grouped[name] ??= []).push(String(value));
  return { statusCode: status, headers: grouped, body: body ?? '' };
}

/** Forge gives `license` only for paid apps in production; present and inactive means unlicensed. */
export const licenceInactive = (context) => Boolean(context?.license) && context.license.isActive !== true;
