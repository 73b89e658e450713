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

import { ADMIN_METHODS } from '../core/admin-methods.mjs';

export const CORE_METHODS = Object.keys(ADMIN_METHODS);

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
      const op = Object.hasOwn(ADMIN_METHODS, method) ? ADMIN_METHODS[method] : null;
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
