// The admin API as one table of named methods, shared by /admin/api (HTTP) and the CLI.
// Most go straight to the core; the host adds what only it knows: its public URLs, whether
// Jira is the in-process simulator, and the SCIM base URL of each connection.
import { CORE_METHODS, CoreError } from './core.js';
import { DEMO_ADMIN, DEMO_ORG_KEY, DEMO_SEED } from '../jira-sim/index.js';
import { SIM_ORIGIN } from './simulator.js';

/** The most queue pages `status` walks per connection (20 items each) before saying "1000+". */
const STATUS_PAGES = 50;

/**
 * @param {object} options
 * @param {{call: Function, version: string}} options.core
 * @param {import('./store.js').Store} options.store
 * @param {() => string} options.publicUrl e.g. () => 'http://localhost:8080' (no trailing slash;
 *   a function because the port is known only once the server listens)
 * @param {boolean} options.simulated no Jira site is configured: new connections use the simulator
 */
export function createAdminApi({ core, store, publicUrl, simulated }) {
  const scimBaseUrl = (view) => `${publicUrl()}/scim${view.basePath}`;
  const withUrl = (view) => ({ ...view, scimBaseUrl: scimBaseUrl(view) });

  /** Points a connection at the simulator, as the demo admin, so it works out of the box. */
  async function useSimulator(id) {
    await core.call('jira.simulator', { url: SIM_ORIGIN });
    return core.call('jira.set', {
      id,
      settings: {
        siteUrl: SIM_ORIGIN, adminEmail: DEMO_ADMIN.email, apiToken: DEMO_ADMIN.apiToken, products: ['jira-software'],
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
      simulatorUrl: simulated ? `${publicUrl()}/jira-sim` : null,
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
    // The core dry-runs as the connection without its SCIM token (the admin secret got us
    // here); the host adds its public SCIM URL for the Location headers.
    dryRun: async (args) => core.call('dryRun', { ...args, baseUrl: `${publicUrl()}/scim` }),
    status: async () => {
      const conns = await core.call('connections.list');
      const rows = [];
      for (const conn of conns) {
        rows.push({
          id: conn.id,
          name: conn.name,
          outbox: await countPages(core, 'outbox.list', conn.id),
          deadLetters: await countPages(core, 'deadLetters.list', conn.id),
          lastErrors: (await core.call('audit.list', { id: conn.id, filter: { status: 'failed' }, limit: 5 })).entries,
        });
      }
      const sum = (k) => rows.reduce((n, r) => n + r[k].count, 0);
      return { outbox: sum('outbox'), deadLetters: sum('deadLetters'), connections: rows };
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

/** Counts a listing by walking its pages: {count, more} (more: stopped at STATUS_PAGES). */
async function countPages(core, method, id) {
  let count = 0;
  let cursor = null;
  for (let page = 0; page < STATUS_PAGES; page += 1) {
    const listing = await core.call(method, { id, cursor });
    count += listing.entries.length;
    cursor = listing.nextCursor;
    if (!cursor) return { count, more: false };
  }
  return { count, more: true };
}

/**
 * Whether Jira is simulated (no connection has a site other than the simulator) and whether
 * any connection uses the simulator at all.
 */
export async function simulatorUse(core) {
  let real = false;
  let used = false;
  for (const conn of await core.call('connections.list')) {
    const site = await core.call('jira.get', { id: conn.id });
    if (site?.siteUrl === SIM_ORIGIN) used = true;
    else if (site) real = true;
  }
  return { simulated: !real, used };
}
