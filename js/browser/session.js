// What the page remembers between reloads besides the core's data: the connections the
// console can send to, with their bearer tokens (shown once by the core and kept here, as an
// IdP keeps them), which one each lifecycle uses by default, and the ids its create steps got.
import { LIFECYCLES } from './presets.js';
import { simulatorSettings } from './admin-api.js';

const SESSION_KEY = 'session';
const empty = () => ({ conns: {}, lifecycles: {}, vars: {} });

/**
 * Loads the session and makes each lifecycle's connection if it has none (first start, or
 * removed in the admin UI), pointed at the simulator.
 */
export async function openSession(store, core, simUrl) {
  const saved = await store.getSide(SESSION_KEY);
  const state = saved?.conns ? saved : empty();
  const save = () => store.setSide(SESSION_KEY, state);
  const remember = (view, token) => {
    state.conns[view.id] = { id: view.id, name: view.name, token, basePath: view.basePath };
  };

  await core.call('jira.simulator', { url: simUrl });
  for (const lc of LIFECYCLES) {
    if (state.conns[state.lifecycles[lc.id]]) continue;
    const created = await core.call('connections.create', lc.connection);
    // Accounts it creates get Jira Software, so the Jira view shows product access change.
    await core.call('jira.set', { id: created.connection.id, settings: simulatorSettings(simUrl) });
    remember(created.connection, created.token);
    state.lifecycles[lc.id] = created.connection.id;
    await save();
  }

  return {
    /** Every connection the console can send to, in the order they were made. */
    connections: () => Object.values(state.conns),
    connection: (connId) => state.conns[connId] ?? null,
    /** The connection a lifecycle sends to unless the console picks another. */
    defaultFor: (lcId) => state.lifecycles[lcId] ?? null,
    tokenOf: (connId) => state.conns[connId]?.token ?? null,
    /** A connection made in the admin UI: the console can send to it. */
    async added(created) {
      remember(created.connection, created.token);
      await save();
    },
    /** A token rotated in the admin UI: the console sends with the new one. */
    async tokenChanged(connId, token) {
      if (state.conns[connId]) state.conns[connId].token = token;
      await save();
    },
    /** A connection removed in the admin UI; a lifecycle that used it gets a new one on the next load. */
    async removed(connId) {
      delete state.conns[connId];
      await save();
    },
    /** Ids a lifecycle's create steps got from one connection. */
    vars: (lcId, connId) => ({ ...state.vars[`${lcId}@${connId}`] }),
    async setVar(lcId, connId, name, value) {
      const key = `${lcId}@${connId}`;
      state.vars[key] = { ...state.vars[key], [name]: value };
      await save();
    },
    /**
     * The core's request envelope for a console request: the connection's base path before
     * the SCIM path, its token unless the editor gives an Authorization header.
     */
    envelope(connId, { method, path, headers, body }, { dryRun = false, drainBudgetMs } = {}) {
      const conn = state.conns[connId];
      if (!conn) throw new Error(`no connection ${connId} in this page`);
      const [p, query = ''] = path.split('?');
      const given = new Set(headers.map(([n]) => n));
      const defaults = [['authorization', `Bearer ${conn.token}`], ['content-type', 'application/scim+json']]
        .filter(([n]) => !given.has(n));
      const flags = dryRun ? [['x-usersync-dry-run', 'true']] : [];
      return { method, path: conn.basePath + p, query, headers: [...defaults, ...headers, ...flags], body, drainBudgetMs };
    },
  };
}
