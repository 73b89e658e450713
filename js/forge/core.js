// The one place that knows the WASM core's export names. The rest of js/forge talks to:
//   core.handle(envelope) → {status, headers, body}     one SCIM request
//   core.drain(budgetMs)  → report                     outbox work within a time budget
//   core.call(method, args) → result                   admin API methods by name (js/core/admin-methods.mjs)
//   core.version
// The WASM comes inlined (pkg/inline: Forge's webpack has no .wasm loader) and instantiates
// when this module is first imported: once per warm container.
import * as wasm from '../../pkg/inline/usersync.js';
import { ADMIN_METHODS } from '../core/admin-methods.mjs';
import { createForgeHost } from './host.js';

/** An admin call with an HTTP status, as the resolver reports it to the page. */
export class CoreError extends Error {
  constructor(message, status = 500) {
    super(message);
    this.name = 'CoreError';
    this.status = status;
  }
}

let core;

/** The core over the Forge host, built on first use (one per warm container). */
export async function getCore() {
  if (core) return core;
  const usersync = new wasm.UsersyncCore(createForgeHost());
  core = {
    version: wasm.version(),
    handle: (request) => usersync.handle(request),
    drain: (budgetMs) => usersync.drain(budgetMs),
    async call(method, args = {}) {
      const op = Object.hasOwn(ADMIN_METHODS, method) ? ADMIN_METHODS[method] : null;
      if (!op) throw new CoreError(`the core has no admin method ${JSON.stringify(method)}`, 404);
      return op(usersync, args);
    },
  };
  return core;
}

/**
 * After a SCIM request: whether to ask the queue for a drain. A successful write may have
 * queued Jira work its own budget did not finish (the response doesn't say), and the drain
 * that follows reports exactly what is left; reads queue nothing.
 */
export function drainAfter(envelope, response) {
  return !['GET', 'HEAD'].includes(envelope.method) && response.status < 300 && !response.dryRun;
}

/**
 * After a drain (the core's DrainReport: pending, nextDue in epoch ms, …): ms until the next
 * drain is worth running, or null when nothing is queued.
 */
export function nextDrainDelayMs(report, now = Date.now()) {
  if (!report || !(report.pending > 0)) return null;
  return report.nextDue == null ? 0 : Math.max(0, report.nextDue - now);
}
