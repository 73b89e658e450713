// The one place that knows the WASM core's export names. The rest of js/forge talks to:
//   core.handle(envelope) → {status, headers, body}     one SCIM request
//   core.drain(budgetMs)  → report                     outbox work within a time budget
//   core.call(method, args) → result                   admin API methods by name (ADMIN)
//   core.version
// The WASM comes inlined (pkg/inline: Forge's webpack has no .wasm loader) and instantiates
// when this module is first imported: once per warm container.
import * as wasm from '../../pkg/inline/usersync.js';
import { createForgeHost } from './host.js';

/** Admin method name (the admin UI's and Node's /admin/api names) → the core call. */
const ADMIN = {
  'connections.list': (c) => c.listConnections(),
  'connections.get': (c, a) => c.getConnection(a.id),
  'connections.create': (c, a) => c.createConnection(a),
  'connections.update': (c, a) => c.updateConnection(a.id, a.update ?? {}),
  'connections.rotate': (c, a) => c.rotateToken(a.id),
  'connections.remove': (c, a) => c.removeConnection(a.id),
  'jira.get': (c, a) => c.getJiraSettings(a.id),
  'jira.set': (c, a) => c.setJiraSettings(a.id, a.settings ?? {}),
  'outbox.list': (c, a) => c.listQueue(a.id, a.cursor ?? null),
  'deadLetters.list': (c, a) => c.listDeadLetters(a.id, a.cursor ?? null),
  'deadLetters.retry': (c, a) => c.retryDeadLetter(a.id, a.item),
  'deadLetters.discard': (c, a) => c.discardDeadLetter(a.id, a.item),
  'audit.list': (c, a) => c.queryAudit({ ...(a.filter ?? {}), ...(a.id ? { conn: a.id } : {}), ...(a.cursor ? { before: a.cursor } : {}) }, a.limit ?? null),
};

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
      const op = ADMIN[method];
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
