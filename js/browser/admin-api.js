// The admin API in the page, for the shared admin UI (js/admin, transport `{call(method,
// args)}`): the core's admin operations as js/node/core.js names them, plus what only this
// host knows (as js/node/admin-api.js does for Node): there is no HTTP SCIM endpoint, Jira
// is always the simulator in the page, and the console's connections keep their tokens.
// Jira reads (jira.test, jira.groups, jira.serviceDesks) are the core's, through the host's fetch.
import { DEMO_ADMIN, DEMO_ORG_KEY, DEMO_SEED } from '../jira-sim/browser.js';

/** An admin call refused by the page; the admin UI shows `message`. */
export class AdminError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'AdminError';
    this.status = status;
  }
}

/** Settings that point a connection at the simulator as its demo admin. */
export function simulatorSettings(simUrl) {
  return {
    siteUrl: simUrl, adminEmail: DEMO_ADMIN.email, apiToken: DEMO_ADMIN.apiToken, products: ['jira-software'],
    orgId: DEMO_SEED.org.orgId, directoryId: DEMO_SEED.org.directoryId, orgApiKey: DEMO_ORG_KEY,
  };
}

/**
 * @param {{core, session, simUrl: string, changed: () => void}} deps
 * @returns {{call(method: string, args?: object): Promise<unknown>}}
 */
export function createAdminTransport({ core, session, simUrl, changed }) {
  const withUrl = (view) => ({ ...view, scimBaseUrl: `(this page) ${view.basePath}` });
  const useSimulator = async (id) => {
    await core.call('jira.simulator', { url: simUrl });
    return core.call('jira.set', { id, settings: simulatorSettings(simUrl) });
  };

  const HOST = {
    'host.info': async () => ({
      version: core.version, store: 'IndexedDB', publicUrl: location.origin, adminUrl: location.href,
      jiraSimulated: true, simulatorUrl: simUrl,
    }),
    'connections.list': async () => (await core.call('connections.list')).map(withUrl),
    'connections.get': async (args) => withUrl(await core.call('connections.get', args)),
    'connections.create': async (args) => {
      const created = await core.call('connections.create', args);
      await useSimulator(created.connection.id);
      await session.added(created); // the console can send to it with its token
      return { ...created, connection: withUrl(created.connection), scimBaseUrl: withUrl(created.connection).scimBaseUrl };
    },
    'connections.update': async (args) => withUrl(await core.call('connections.update', args)),
    'connections.rotate': async (args) => {
      const token = await core.call('connections.rotate', args);
      await session.tokenChanged(args.id, token); // the console keeps sending with the new one
      return token;
    },
    'connections.remove': async (args) => {
      await core.call('connections.remove', args);
      await session.removed(args.id);
    },
    'jira.useSimulator': ({ id }) => useSimulator(id),
    reconcile: async () => {
      throw new AdminError('reconcile is not in this core yet', 501);
    },
  };

  return {
    async call(method, args = {}) {
      const op = HOST[method];
      try {
        return await (op ? op(args) : core.call(method, args));
      } finally {
        changed();
      }
    },
  };
}
