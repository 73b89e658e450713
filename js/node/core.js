// The one place that knows the WASM core's export names. Everything else in the Node host
// (server, CLI, admin API) talks to the facade this returns:
//
//   core.handle({method, path, query, headers, body}) → {status, headers, body}
//   core.drain(budgetMs) → report
//   core.call(method, args) → result   admin operations by name (admin-api.js lists them)
//   core.version
//
// One module instance per process (js/core/index.mjs instantiates it once); one service
// object per store.

/** Admin method name → how it calls the service object. */
const ADMIN = {
  'connections.list': (s) => s.listConnections(),
  'connections.get': (s, a) => s.getConnection(a.id),
  'connections.create': (s, a) => s.createConnection(a),
  'connections.update': (s, a) => s.updateConnection(a.id, a.update ?? {}),
  'connections.rotate': (s, a) => s.rotateToken(a.id),
  'connections.remove': (s, a) => s.removeConnection(a.id),
  'jira.get': (s, a) => s.getJiraSettings(a.id),
  'jira.set': (s, a) => s.setJiraSettings(a.id, a.settings ?? {}),
  'jira.simulator': (s, a) => s.setSimulator(a.url ?? null),
  'jira.test': (s, a) => s.testJira(a.id),
  'jira.groups': (s, a) => s.jiraGroups(a.id, a.query ?? ''),
  'jira.serviceDesks': (s, a) => s.jiraServiceDesks(a.id),
  'outbox.list': (s, a) => s.listOutbox(a.id ?? null, a.cursor ?? null),
  'deadLetters.list': (s, a) => s.listDeadLetters(a.id ?? null, a.cursor ?? null),
  'deadLetters.retry': (s, a) => s.retryDeadLetter(a.id, a.item),
  'deadLetters.discard': (s, a) => s.discardDeadLetter(a.id, a.item),
  'audit.list': (s, a) => s.listAudit(a.id ?? null, a.filter ?? {}, a.cursor ?? null),
  'dryRun': (s, a) => s.dryRun(a.request),
  'reconcile': (s, a) => s.reconcile(a.id, Boolean(a.repair)),
  'status': (s) => s.status(),
};

export const CORE_METHODS = Object.keys(ADMIN);

/** An admin call the core refused: carries the HTTP status the core chose. */
export class CoreError extends Error {
  constructor(message, status = 500, code) {
    super(message);
    this.name = 'CoreError';
    this.status = status;
    this.code = code;
  }
}

/**
 * Loads the WASM core and builds its service over `host` (host.js).
 * @returns {Promise<{version: string, handle: Function, drain: Function, call: Function}>}
 */
export async function loadCore(host) {
  let wasm;
  try {
    wasm = await import('../core/index.mjs');
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') throw new Error('the WASM core is not built yet: run `npm run build` (or `npm start`)');
    throw err;
  }
  await wasm.load();
  const Service = wasm.Service;
  if (typeof Service !== 'function') {
    throw new Error('the WASM core exports no Service yet (it is being built on branch service); run `node js/build/bootstrap.mjs` after merging it');
  }
  const service = new Service(host);
  return {
    version: wasm.version(),
    handle: (request) => service.handle(request),
    drain: (budgetMs) => service.drain(budgetMs),
    async call(method, args = {}) {
      const op = ADMIN[method];
      if (!op) throw new CoreError(`unknown admin method ${JSON.stringify(method)}`, 404, 'unknownMethod');
      try {
        return await op(service, args);
      } catch (err) {
        throw asCoreError(err);
      }
    },
  };
}

/** The core throws {status, message} objects or Errors; the host sees one shape. */
export function asCoreError(err) {
  if (err instanceof CoreError) return err;
  const status = Number(err?.status) || 500;
  const message = err?.message ?? err?.detail ?? String(err);
  return new CoreError(message, status, err?.code);
}
