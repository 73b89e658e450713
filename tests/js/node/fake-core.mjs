// A stand-in for the WASM core's facade (js/node/core.js), so the host's own wiring (routes,
// limits, admin auth, first start, shutdown) is tested without the core. It stores little
// and decides nothing; the end-to-end tests use the real core.
import { CoreError } from '../../../js/node/core.js';

export function fakeCore() {
  const conns = new Map();
  const sites = new Map();
  let next = 0;
  const core = {
    version: '0.0.0-fake',
    handled: [],
    drains: 0,
    simulator: null,
    async handle(request) {
      core.handled.push(request);
      return { status: 200, headers: [['content-type', 'application/scim+json']], body: JSON.stringify({ echo: request }) };
    },
    async drain(budgetMs) {
      core.drains += 1;
      return { ran: 0, more: false, budgetMs };
    },
    async call(method, a = {}) {
      const get = (id) => conns.get(id) ?? (() => { throw new CoreError(`no connection has id "${id}"`, 404); })();
      switch (method) {
        case 'connections.list': return [...conns.values()];
        case 'connections.get': return get(a.id);
        case 'connections.create': {
          if (!a.name?.trim()) throw new CoreError('name: expected a non-empty name', 400);
          next += 1;
          const id = `c${next}`;
          const view = { id, name: a.name, idp: a.idp ?? 'generic', scim: a.scim ?? '2.0', mode: a.mode ?? 'user', basePath: `/${id}/${a.scim === '1.1' ? 'v1' : 'v2'}`, policies: {} };
          conns.set(id, view);
          return { connection: view, token: `tok-${id}-${next}` };
        }
        case 'connections.rotate': get(a.id); next += 1; return `tok-${a.id}-${next}`;
        case 'connections.remove': get(a.id); conns.delete(a.id); return null;
        case 'connections.update': return Object.assign(get(a.id), a.update);
        case 'jira.get': get(a.id); return sites.get(a.id) ?? null;
        case 'jira.set': get(a.id); sites.set(a.id, { siteUrl: a.settings.siteUrl, adminEmail: a.settings.adminEmail, products: [] }); return sites.get(a.id);
        case 'jira.simulator': core.simulator = a.url; return null;
        default: throw new CoreError(`fake core has no ${method}`, 501);
      }
    },
  };
  return core;
}
