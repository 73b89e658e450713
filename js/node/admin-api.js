// The admin API as one table of named methods, shared by /admin/api (HTTP) and the CLI.
// Most go straight to the core; the host adds what only it knows: its public URLs, whether
// Jira is the in-process simulator, and the SCIM base URL of each connection.
import { CORE_METHODS, CoreError } from './core.js';
import { DEMO_ADMIN, DEMO_ORG_KEY, DEMO_SEED } from '../jira-sim/index.js';

/**
 * @param {object} options
 * @param {{call: Function, version: string}} options.core
 * @param {import('./store.js').Store} options.store
 * @param {() => string} options.publicUrl e.g. () => 'http://localhost:8080' (no trailing slash;
 *   a function because the port is known only once the server listens)
 * @param {boolean} options.simulated the Jira simulator is mounted at publicUrl + /jira-sim
 */
export function createAdminApi({ core, store, publicUrl, simulated }) {
  const simulatorUrl = () => `${publicUrl()}/jira-sim`;
  const scimBaseUrl = (view) => `${publicUrl()}/scim${view.basePath}`;
  const withUrl = (view) => ({ ...view, scimBaseUrl: scimBaseUrl(view) });

  /** Points a connection at the simulator, as the demo admin, so it works out of the box. */
  async function useSimulator(id) {
    await core.call('jira.simulator', { url: simulatorUrl() });
    return core.call('jira.set', {
      id,
      settings: {
        siteUrl: simulatorUrl(), adminEmail: DEMO_ADMIN.email, apiToken: DEMO_ADMIN.apiToken,
        orgId: DEMO_SEED.org.orgId, directoryId: DEMO_SEED.org.directoryId, orgApiKey: DEMO_ORG_KEY,
      },
    });
  }

  const HOST = {
    'host.info': async () => ({
      version: core.version,
      store: store.describe().kind,
      publicUrl: publicUrl(),
      adminUrl: `${publicUrl()}/admin/`,
      jiraSimulated: simulated,
      simulatorUrl: simulated ? simulatorUrl() : null,
    }),
    'connections.list': async () => (await core.call('connections.list')).map(withUrl),
    'connections.get': async (args) => withUrl(await core.call('connections.get', args)),
    'connections.create': async (args) => {
      const created = await core.call('connections.create', args);
      if (simulated) await useSimulator(created.connection.id);
      return { ...created, connection: withUrl(created.connection), scimBaseUrl: scimBaseUrl(created.connection) };
    },
    'connections.update': async (args) => withUrl(await core.call('connections.update', args)),
    'jira.useSimulator': async ({ id }) => {
      if (!simulated) throw new CoreError('the Jira simulator is not running: this server has a Jira site configured', 409);
      return useSimulator(id);
    },
  };

  const methods = new Set([...CORE_METHODS, ...Object.keys(HOST)]);

  return {
    methods,
    /** Runs admin method `method`; rejects with a CoreError carrying an HTTP status. */
    async call(method, args = {}) {
      if (!methods.has(method)) throw new CoreError(`unknown admin method ${JSON.stringify(method)}`, 404);
      if (args === null || typeof args !== 'object' || Array.isArray(args)) throw new CoreError('expected the arguments as a JSON object', 400);
      const host = HOST[method];
      return host ? host(args) : core.call(method, args);
    },
  };
}

/** Host-owned secret-store name of the in-process simulator's last URL (it moves with the port). */
export const SIMULATOR_URL_NAME = 'node.simulator-url';

/**
 * True when no connection has a Jira site other than this host's in-process simulator: then
 * `serve` mounts the simulator and new connections use it. A real site, or a standalone
 * `usersync jira-sim`, on any connection turns it off.
 */
export async function jiraSimulated(core, store) {
  const ours = await store.getSecret(SIMULATOR_URL_NAME);
  for (const conn of await core.call('connections.list')) {
    const site = await core.call('jira.get', { id: conn.id });
    if (site && site.siteUrl !== ours) return false;
  }
  return true;
}
