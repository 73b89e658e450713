// The Host object the WASM core is built with (src/host/mod.rs is the contract): KV and
// secrets from a store adapter, fetch over the runtime's fetch, the clock and a log.
// Values cross as plain strings and small objects; the core does every check that matters.

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
     * Sends {method, url, headers: [[name, value]], body?}; resolves {status, headers, body}
     * whatever the status. Rejects with {kind: 'Network'|'Timeout', detail} when no answer came.
     * Redirects are returned, not followed, so a request can't be steered elsewhere.
     */
    async fetch(request) {
      const { method, url, headers = [], body } = request;
      let response;
      try {
        response = await fetchImpl(url, {
          method,
          headers: headers.map(([n, v]) => [n, v]),
          body: body ?? undefined,
          redirect: 'manual',
          signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        });
      } catch (err) {
        if (err?.name === 'TimeoutError') throw { kind: 'Timeout', afterMs: FETCH_TIMEOUT_MS, detail: 'no answer in time' };
        throw { kind: 'Network', detail: err?.cause?.code ?? err?.message ?? String(err) };
      }
      return { status: response.status, headers: [...response.headers], body: await response.text() };
    },
    kvGet: (key) => store.get(key).catch(rethrow),
    kvSet: (key, value) => store.set(key, value).catch(rethrow),
    kvCreate: (key, value) => store.create(key, value).catch(rethrow),
    kvDelete: (key) => store.delete(key).catch(rethrow),
    /** One page: {entries: [[key, value]], cursor: string | null}. */
    kvList: (prefix, cursor, limit) => store.list(prefix, cursor ?? null, limit).catch(rethrow),
    getSecret: (name) => store.getSecret(name).catch(rethrow),
    setSecret: (name, value) => store.setSecret(name, value).catch(rethrow),
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

/** Store failures cross as {kind, op, key, detail}: the shape the core maps to HostError. */
function rethrow(err) {
  throw { kind: err?.kind ?? 'Storage', op: err?.op ?? 'kv', key: err?.key ?? '', detail: err?.detail ?? err?.message ?? String(err) };
}
