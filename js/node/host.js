// The Host object the WASM core is built with (src/host/mod.rs is the contract): KV and
// secrets from a store adapter, fetch over the runtime's fetch, the clock and a log.
// Values cross as plain strings and small objects; the core does every check that matters.

import { storeImports } from '../core/store-host.mjs';

/** How long one Jira call may take before the core sees a Timeout. */
export const FETCH_TIMEOUT_MS = 30_000;

/**
 * @param {object} options
 * @param {import('./store.js').Store} options.store
 * @param {(level: string, event: object) => void} options.log
 * @param {typeof fetch} [options.fetch] defaults to the global fetch
 * @param {() => number} [options.now]
 */
export function createHost({ store, log, fetch: fetchImpl = globalThis.fetch, now = Date.now }) {
  return {
    /**
     * Sends {method, url, headers: {name: value}, body}; resolves {status, headers: [[n, v]],
     * body} whatever the status. Rejects with a TimeoutError (and `timeout: true`) when the
     * time ran out, or an Error naming the network failure. Redirects come back as they
     * are, so a request can't be steered away from the URL the core checked.
     */
    async fetch(request) {
      const { method, url, headers = {}, body } = request;
      let response;
      try {
        response = await fetchImpl(url, {
          method,
          headers,
          body: body ?? undefined,
          redirect: 'manual',
          signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        });
        return { status: response.status, headers: [...response.headers], body: await response.text() };
      } catch (err) {
        if (err?.name === 'TimeoutError') throw Object.assign(new Error(`no answer from Jira in ${FETCH_TIMEOUT_MS} ms`), { name: 'TimeoutError', timeout: true, afterMs: FETCH_TIMEOUT_MS });
        throw new Error(`no answer from ${new URL(url).host}: ${err?.cause?.code ?? err?.message ?? err}`);
      }
    },
    ...storeImports(store),
    now: () => now(),
    log(level, event) {
      try {
        log(level, typeof event === 'string' ? JSON.parse(event) : event);
      } catch {
        log(level, { event: 'core', text: String(event) });
      }
    },
  };
}

