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

/** After a SCIM request: {delayMs} when the outbox still holds work, else null. */
export function pendingAfter(response) {
  const left = response?.outbox;
  return left && left.remaining > 0 ? { delayMs: left.nextDueInMs ?? 0 } : null;
}

/** After a drain: ms until the next drain is worth running, or null when the outbox is empty. */
export function nextDrainDelayMs(report) {
  if (!report || !(report.remaining > 0)) return null;
  return report.nextDueInMs ?? 0;
}
