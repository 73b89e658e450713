// What the page remembers between reloads besides the core's data: the connection each
// lifecycle sends to (with its bearer token, shown once by the core and kept here as an
// IdP would keep it) and the ids the lifecycle's create steps got back.
import { LIFECYCLES } from './presets.js';
import { DEMO_ADMIN, DEMO_ORG_KEY, DEMO_SEED } from '../jira-sim/browser.js';

const SESSION_KEY = 'session';
/** Products the harness gives accounts it creates, so the Jira view shows product access. */
const DEFAULT_PRODUCTS = ['jira-software'];

/**
 * Loads the session and, when the core has its service, creates the connections that are
 * missing and points them at the simulator.
 */
export async function openSession(store, core, simUrl) {
  const state = (await store.getSide(SESSION_KEY)) ?? { connections: {}, vars: {} };
  const save = () => store.setSide(SESSION_KEY, state);

  if (core.service) {
    await core.call('jira.simulator', { url: simUrl });
    for (const lc of LIFECYCLES) {
      if (state.connections[lc.id]) continue;
      const created = await core.call('connections.create', { ...lc.connection, policies: { products: DEFAULT_PRODUCTS } });
      const id = created.connection.id;
      await core.call('jira.set', {
        id,
        settings: {
          siteUrl: simUrl, adminEmail: DEMO_ADMIN.email, apiToken: DEMO_ADMIN.apiToken,
          orgId: DEMO_SEED.org.orgId, directoryId: DEMO_SEED.org.directoryId, orgApiKey: DEMO_ORG_KEY,
        },
      });
      state.connections[lc.id] = { id, token: created.token, basePath: created.connection.basePath };
      await save();
    }
  }

  return {
    connection: (lcId) => state.connections[lcId] ?? null,
    vars: (lcId) => ({ ...state.vars[lcId] }),
    async setVar(lcId, name, value) {
      state.vars[lcId] = { ...state.vars[lcId], [name]: value };
      await save();
    },
    /**
     * The core's request envelope for a console request: the connection's base path before
     * the SCIM path, its token unless the editor gives an Authorization header.
     */
    envelope(lcId, { method, path, headers, body }, { dryRun = false, drainBudgetMs } = {}) {
      const conn = state.connections[lcId];
      if (!conn) throw new Error(`no connection for ${lcId}`);
      const [p, query = ''] = path.split('?');
      const given = new Set(headers.map(([n]) => n));
      const defaults = [['authorization', `Bearer ${conn.token}`], ['content-type', 'application/scim+json']]
        .filter(([n]) => !given.has(n));
      const flags = dryRun ? [['x-usersync-dry-run', 'true']] : [];
      return { method, path: conn.basePath + p, query, headers: [...defaults, ...headers, ...flags], body, drainBudgetMs };
    },
  };
}
