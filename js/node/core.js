// The one place that knows the WASM core's export names. Everything else in the Node host
// (server, CLI, admin API) talks to the facade this returns:
//
//   core.handle({method, path, query, headers, body}) → {status, headers, body}
//   core.drain(budgetMs) → report
//   core.call(method, args) → result   admin operations by name (admin-api.js lists them)
//   core.version
//
// One module instance per process (js/core/index.mjs instantiates it once); one UsersyncCore
// per store. Arguments and results are the core's camelCase JSON (its TypeScript types).

/** Admin method name → how it calls the UsersyncCore object (src/wasm/core.rs). */
const ADMIN = {
  'connections.list': (c) => c.listConnections(),
  'connections.get': (c, a) => c.getConnection(a.id),
  'connections.create': (c, a) => c.createConnection(defined({ name: a.name, idp: a.idp, scim: a.scim, mode: a.mode, policies: a.policies })),
  'connections.update': (c, a) => c.updateConnection(a.id, defined(a.update ?? {})),
  'connections.rotate': (c, a) => c.rotateToken(a.id),
  'connections.remove': (c, a) => c.removeConnection(a.id),
  'jira.get': (c, a) => c.getJiraSettings(a.id),
  'jira.set': (c, a) => c.setJiraSettings(a.id, defined(a.settings ?? {})),
  'jira.simulator': (c, a) => c.setSimulator(a.url ?? null),
  'outbox.list': (c, a) => c.listQueue(a.id, a.cursor ?? null),
  'deadLetters.list': (c, a) => c.listDeadLetters(a.id, a.cursor ?? null),
  'deadLetters.retry': (c, a) => c.retryDeadLetter(a.id, a.item),
  'deadLetters.discard': (c, a) => c.discardDeadLetter(a.id, a.item),
  'audit.list': (c, a) => c.queryAudit(defined({
    conn: a.id, since: a.filter?.since, status: a.filter?.status, before: a.cursor,
  }), a.limit ?? 50),
};

/** The object without its undefined and null fields: serde reads an undefined field as a
 * value of the wrong type, where an absent one takes the default. */
function defined(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null));
}

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
  const { UsersyncCore } = wasm;
  if (typeof UsersyncCore !== 'function') {
    throw new Error('this WASM core has no UsersyncCore export (an old build?): run `npm run build`');
  }
  const service = new UsersyncCore(host);
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
