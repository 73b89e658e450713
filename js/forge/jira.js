// The host's fetch: sends the Jira request the core built, choosing the transport Forge
// allows. The core picks the operation and signs it (Basic for site APIs, Bearer for the
// admin API); here only the way out differs:
//   - site APIs apps may call go through `asApp().requestJira` (the app user; Forge signs);
//   - user account lifecycle (POST/DELETE /rest/api/3/user) is not open to Forge apps
//     (POST answers "OAuth 2.0 is not enabled for method") and needs a site admin, so it
//     goes out as plain fetch with the site admin's Basic credentials the core added;
//   - the admin UI's "test connection" (GET /rest/api/3/myself) goes the same way: it is
//     there to check those Basic credentials, and as the app it would only ever find the
//     app's own user;
//   - everything else (the org admin API at api.atlassian.com) is plain fetch, within the
//     manifest's `external.fetch.backend`.
import api, { fetch as forgeFetch, routeFromAbsolute } from '@forge/api';

/** How long one Jira call may take before the core sees a Timeout (web triggers get 55 s). */
export const FETCH_TIMEOUT_MS = 20_000;

const SITE_HOST = /\.(atlassian\.net|jira\.com)$/;
const SITE_ADMIN_ONLY = [['POST', '/rest/api/3/user'], ['DELETE', '/rest/api/3/user'], ['GET', '/rest/api/3/myself']];

/** 'app' (requestJira) or 'direct' (fetch as signed) for one request. */
export function transportFor(method, url) {
  const { hostname, pathname } = new URL(url);
  if (!SITE_HOST.test(hostname) || !pathname.startsWith('/rest/')) return 'direct';
  return SITE_ADMIN_ONLY.some(([m, p]) => m === method && p === pathname) ? 'direct' : 'app';
}

/** A fetch that got no answer, as the core reads it (src/wasm/interop.rs fetch_error). */
function noResponse(err, url) {
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return Object.assign(new Error(`no answer from ${new URL(url).host} in ${FETCH_TIMEOUT_MS} ms`), { timeout: true, afterMs: FETCH_TIMEOUT_MS });
  }
  // Forge's egress allowlist (REQUEST_EGRESS_ALLOWLIST_ERR): asking again won't help.
  if (err?.name === 'REQUEST_EGRESS_ALLOWLIST_ERR') return Object.assign(new Error(err.message), { refused: true });
  return new Error(`${new URL(url).host}: ${err?.cause?.code ?? err?.message ?? String(err)}`);
}

/** Headers as pairs, whether they came as pairs or as an object. */
const pairs = (headers) => (Array.isArray(headers) ? headers : Object.entries(headers ?? {}));

/**
 * Sends {method, url, headers, body?} (headers an object or pairs); resolves {status,
 * headers, body} whatever the status; rejects with an Error the core maps to Timeout
 * (`timeout: true`), Refused (`refused: true`) or Network.
 */
export async function sendJira({ method, url, headers = {}, body }) {
  const via = transportFor(method, url);
  const init = {
    method,
    // requestJira is signed by Forge: the core's Basic header must not ride along.
    headers: pairs(headers).filter(([n]) => via !== 'app' || n.toLowerCase() !== 'authorization'),
    body: body ?? undefined,
    redirect: 'manual',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  };
  let response;
  try {
    // The core percent-encoded every value already, so the URL is a trusted route as is.
    response = via === 'app' ? await api.asApp().requestJira(routeFromAbsolute(url), init) : await forgeFetch(url, init);
  } catch (err) {
    throw noResponse(err, url);
  }
  return { status: response.status, headers: [...response.headers], body: await response.text() };
}
