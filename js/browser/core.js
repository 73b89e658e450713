// Loads the WASM core (js/core/index.mjs fetches the .wasm next to its glue) and builds its
// service over the browser Host. The facade has the Node host's shape (js/node/core.js):
//   handle({method, path, query, headers, body}) → {status, headers, body}
//   drain(budgetMs) → report;  call(method, args) → admin result;  version
// `service` is null while the build has no service API: the page then says so and keeps
// the simulator and the presets usable.
import { load } from '../core/index.mjs';
import * as wasm from '../core/index.mjs';

/** Admin method name → how it calls the service object (the names js/node/core.js uses). */
const ADMIN = {
  'connections.list': (s) => s.listConnections(),
  'connections.get': (s, a) => s.getConnection(a.id),
  'connections.create': (s, a) => s.createConnection(a),
  'connections.update': (s, a) => s.updateConnection(a.id, a.update ?? {}),
  'jira.get': (s, a) => s.getJiraSettings(a.id),
  'jira.set': (s, a) => s.setJiraSettings(a.id, a.settings ?? {}),
  'jira.simulator': (s, a) => s.setSimulator(a.url ?? null),
  'outbox.list': (s, a) => s.listOutbox(a.id ?? null, a.cursor ?? null),
  'deadLetters.list': (s, a) => s.listDeadLetters(a.id ?? null, a.cursor ?? null),
  'audit.list': (s, a) => s.listAudit(a.id ?? null, a.filter ?? {}, a.cursor ?? null),
  'dryRun': (s, a) => s.dryRun(a.request),
};

/** @returns {Promise<{version: string, service: boolean, handle?, drain?, call?}>} */
export async function loadCore(host) {
  await load();
  const version = wasm.version();
  if (typeof wasm.Service !== 'function') return { version, service: false };
  const service = new wasm.Service(host);
  return {
    version,
    service: true,
    handle: (request) => service.handle(request),
    drain: (budgetMs) => service.drain(budgetMs),
    async call(method, args = {}) {
      const op = ADMIN[method];
      if (!op) throw new Error(`unknown admin method ${JSON.stringify(method)}`);
      return op(service, args);
    },
  };
}
