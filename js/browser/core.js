// Loads the WASM core (js/core/index.mjs fetches the .wasm next to its glue) and builds its
// UsersyncCore over the browser Host. The facade has the Node host's shape (js/node/core.js):
//   handle(ScimRequest) → ScimResponse;  drain(budgetMs) → DrainReport;
//   call(method, args) → admin result, by the names the admin UI uses;  version
// `service` is false for a build without UsersyncCore: the page then says so and keeps the
// simulator and the presets usable.
import { load } from '../core/index.mjs';
import * as wasm from '../core/index.mjs';

/** Admin method name → the UsersyncCore call (src/wasm/core.rs); the names js/node/core.js uses. */
const ADMIN = {
  'connections.list': (c) => c.listConnections(),
  'connections.get': (c, a) => c.getConnection(a.id),
  'connections.create': (c, a) => c.createConnection(defined({ name: a.name, idp: a.idp, scim: a.scim, mode: a.mode, policies: a.policies })),
  'connections.update': (c, a) => c.updateConnection(a.id, a.update ?? {}),
  'jira.get': (c, a) => c.getJiraSettings(a.id),
  'jira.set': (c, a) => c.setJiraSettings(a.id, a.settings ?? {}),
  'jira.simulator': (c, a) => c.setSimulator(a.url ?? null),
  'outbox.list': (c, a) => c.listQueue(a.id, a.cursor ?? null),
  'deadLetters.list': (c, a) => c.listDeadLetters(a.id, a.cursor ?? null),
  'audit.list': (c, a) => c.queryAudit(defined({ conn: a.id ?? undefined, before: a.cursor ?? undefined }), a.limit ?? 50),
};

/** Without its undefined fields: the core reads a present `undefined` as a value, not as absent. */
const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** @returns {Promise<{version: string, service: boolean, handle?, drain?, call?}>} */
export async function loadCore(host) {
  await load();
  const version = wasm.version();
  if (typeof wasm.UsersyncCore !== 'function') return { version, service: false };
  const core = new wasm.UsersyncCore(host);
  return {
    version,
    service: true,
    handle: (request) => core.handle(request),
    drain: (budgetMs) => core.drain(budgetMs),
    call(method, args = {}) {
      const op = ADMIN[method];
      if (!op) return Promise.reject(new Error(`unknown admin method ${JSON.stringify(method)}`));
      return op(core, args);
    },
  };
}
