// The one place that knows the WASM core's export names. The rest of js/forge talks to:
//   core.handle(envelope) → {status, headers, body}     one SCIM request
//   core.drain(budgetMs)  → report                     outbox work within a time budget
//   core.call(method, args) → result                   admin API methods by name
//   core.version
// The WASM comes inlined (pkg/inline: Forge's webpack has no .wasm loader) and instantiates
// when this module is first imported: once per warm container.
import * as wasm from '../../pkg/inline/usersync.js';
import { createForgeHost } from './host.js';

let core;

/** The core over the Forge host, built on first use. */
export async function getCore() {
  if (core) return core;
  if (typeof wasm.Service !== 'function') {
    throw new Error('the WASM core exports no Service yet (it is being built on branch service)');
  }
  const service = new wasm.Service(createForgeHost());
  core = {
    version: wasm.version(),
    handle: (request) => service.handle(request),
    drain: (budgetMs) => service.drain(budgetMs),
    call: (method, args) => service.call(method, args),
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
