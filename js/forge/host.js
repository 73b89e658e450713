// The Host object the WASM core is built with, for Forge: KVS and secrets (kv.js), Jira
// transport (jira.js), the clock and a log. One per warm container.
import { kvHost } from './kv.js';
import { sendJira } from './jira.js';

/** Forge keeps what functions write to the console as the app's logs (`forge logs`). */
function log(level, event) {
  const line = typeof event === 'string' ? event : JSON.stringify(event);
  (console[level] ?? console.log)(line);
}

export function createForgeHost() {
  return { fetch: sendJira, ...kvHost, now: () => Date.now(), log };
}
