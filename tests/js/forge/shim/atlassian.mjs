// What sits behind Forge's proxies, for the test runtime: the product proxy that
// `asApp().requestJira` goes through, the egress-checked global fetch, and the platform
// ("stargate") calls the SDKs make for web trigger URLs and queue pushes. Jira itself is
// the simulator (js/jira-sim/).

/** Jira paths an app may call with `asApp()`, and the scope each needs (Jira's classic scopes). */
export const PRODUCT_SCOPES = [
  { method: 'GET', path: /^\/rest\/api\/3\/user$/, scope: 'read:jira-user' },
  { method: 'GET', path: /^\/rest\/api\/3\/user\/search$/, scope: 'read:jira-user' },
  { method: '*', path: /^\/rest\/api\/3\/group(\/bulk|\/user|\/member)?$/, scope: 'manage:jira-configuration' },
  { method: 'GET', path: /^\/rest\/servicedeskapi\/servicedesk$/, scope: 'read:servicedesk-request' },
  { method: '*', path: /^\/rest\/servicedeskapi\/customer$/, scope: 'manage:servicedesk-customer' },
  { method: '*', path: /^\/rest\/servicedeskapi\/servicedesk\/[^/]+\/customer$/, scope: 'manage:servicedesk-customer' },
];

/** Operations Jira does not open to OAuth 2.0 apps: a site admin's API token is needed. */
export const NOT_FOR_APPS = [{ method: 'POST', path: /^\/rest\/api\/3\/user$/ }];

const matches = (rule, method, path) => (rule.method === '*' || rule.method === method) && rule.path.test(path);

const jsonResponse = (status, body, headers = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** The error Forge's runtime throws for a fetch outside `permissions.external.fetch.backend`. */
export class EgressNotAllowed extends Error {
  constructor(url) {
    super(`URL not included in the external fetch backend permissions: ${url}. Visit go.atlassian.com/forge-egress for more information.`);
    this.name = 'REQUEST_EGRESS_ALLOWLIST_ERR';
    this.status = 403;
  }
}

/** `*.atlassian.net` and `api.atlassian.com` style entries → a host test. */
function hostAllowed(entries, host) {
  return entries.some((entry) => {
    const address = (typeof entry === 'string' ? entry : entry.address ?? entry.remote ?? '').replace(/^https:\/\//, '').replace(/\/.*$/, '');
    if (address === '*') return true;
    if (address.startsWith('*.')) return host.endsWith(address.slice(1)) && host.length > address.length - 1;
    return host === address;
  });
}

/**
 * @param {object} options
 * @param {{fetch: Function}} options.sim the Jira simulator
 * @param {string} options.siteUrl the installation's site, e.g. https://acme.atlassian.net
 * @param {string[]} options.scopes manifest permissions.scopes
 * @param {Array} options.egress manifest permissions.external.fetch.backend
 * @param {{email: string, apiToken: string}} options.appAccount the sim account the app user acts as
 */
export function createAtlassian({ sim, siteUrl, scopes, egress, appAccount }) {
  const appAuth = `Basic ${Buffer.from(`${appAccount.email}:${appAccount.apiToken}`).toString('base64')}`;
  const requests = [];

  /** `asApp().requestJira(path, init)`: the proxy signs as the app user, within its scopes. */
  async function requestJira(path, init = {}) {
    const method = (init.method ?? 'GET').toUpperCase();
    const { pathname } = new URL(path, siteUrl);
    requests.push({ via: 'requestJira', method, path });
    if (NOT_FOR_APPS.some((r) => matches(r, method, pathname))) {
      return jsonResponse(403, { errorMessages: [`OAuth 2.0 is not enabled for method: ${method} ${pathname}`], errors: {} });
    }
    const rule = PRODUCT_SCOPES.find((r) => matches(r, method, pathname));
    if (!rule || !scopes.includes(rule.scope)) {
      return jsonResponse(401, { code: 401, message: 'Unauthorized; scope does not match' });
    }
    const headers = new Headers(init.headers ?? {});
    headers.set('authorization', appAuth); // the proxy's credentials replace whatever the app sent
    return sim.fetch(new URL(path, siteUrl).toString(), { ...init, method, headers });
  }

  /** The runtime's global fetch: only hosts the manifest allows, then the simulator. */
  async function egressFetch(input, init = {}) {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    requests.push({ via: 'fetch', method: (init.method ?? 'GET').toUpperCase(), url: url.toString() });
    if (url.protocol !== 'https:' || !hostAllowed(egress, url.hostname)) throw new EgressNotAllowed(url.toString());
    return sim.fetch(url.toString(), init);
  }

  return { requestJira, egressFetch, requests };
}

/**
 * The platform calls @forge/api and @forge/events make through `__requestAtlassianAsApp`:
 * web trigger URLs (GraphQL) and queue pushes.
 */
export function createPlatform({ installationId, onPush }) {
  const urls = new Map();

  function webTriggerUrl(triggerKey) {
    if (!urls.has(triggerKey)) {
      const id = Buffer.from(`${installationId}:${triggerKey}`).toString('base64url').slice(0, 24);
      urls.set(triggerKey, `https://${installationId}.webtrigger.atlassian.app/public/${id}`);
    }
    return urls.get(triggerKey);
  }

  async function request(path, init = {}) {
    const body = init.body ? JSON.parse(init.body) : {};
    if (path === '/graphql' && /createWebTriggerUrl/.test(body.query ?? '')) {
      return jsonResponse(200, { data: { createWebTriggerUrl: { url: webTriggerUrl(body.variables.input.triggerKey) } } });
    }
    if (path.startsWith('/webhook/queue/publish/')) {
      onPush(body);
      return jsonResponse(201, {});
    }
    return jsonResponse(404, { message: `the test runtime does not model ${path}` });
  }

  return { request, webTriggerUrl };
}
