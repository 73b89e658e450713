// The Host object the WASM core is built with in the browser (src/host/mod.rs is the
// contract; js/node/host.js is the Node twin, with the same shapes): KV and secrets in
// IndexedDB, fetch into the Jira simulator running in the page, the clock and a log.

import { storeImports } from '../core/store-host.mjs';

/**
 * @param {object} options
 * @param {import('./kv.js').IdbStore} options.store
 * @param {(input: string, init: RequestInit) => Promise<Response>} options.fetch the simulator's
 * @param {string} options.allowedOrigin the only origin fetch may reach (the simulator's)
 * @param {(level: string, event: object) => void} options.log
 */
export function createHost({ store, fetch: fetchImpl, allowedOrigin, log }) {
  return {
    /**
     * Sends {method, url, headers: {name: value}, body}; resolves {status, headers: [[n, v]],
     * body} whatever the status. Rejects with `refused: true` for anything but the simulator
     * (the core's HostError::Refused), and with an Error naming the failure when no answer
     * came (a dropped connection: HostError::Network).
     */
    async fetch(request) {
      const { method, url, headers = {}, body } = request;
      if (new URL(url).origin !== allowedOrigin) {
        throw Object.assign(new Error(`the harness only reaches the simulated Jira at ${allowedOrigin}, not ${new URL(url).origin}`), { refused: true });
      }
      let response;
      try {
        response = await fetchImpl(url, { method, headers, body: body ?? undefined });
      } catch (err) {
        throw new Error(`no answer from ${new URL(url).host}: ${err?.cause?.code ?? err?.message ?? err}`);
      }
      return { status: response.status, headers: [...response.headers], body: await response.text() };
    },
    ...storeImports(store),
    now: () => Date.now(),
    log(level, event) {
      let value;
      try {
        value = typeof event === 'string' ? JSON.parse(event) : event;
      } catch {
        value = { event: 'core', text: String(event) };
      }
      log(level, value);
    },
  };
}
