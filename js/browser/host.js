// The Host object the WASM core is built with in the browser (src/host/mod.rs is the
// contract; js/node/host.js is the Node twin, with the same shapes): KV and secrets in
// IndexedDB, fetch into the Jira simulator running in the page, the clock and a log.

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
     * Sends {method, url, headers: [[name, value]], body?}; resolves {status, headers, body}
     * whatever the status. Rejects with {kind: 'Refused'|'Network', detail} when no answer came.
     */
    async fetch(request) {
      const { method, url, headers = [], body } = request;
      if (new URL(url).origin !== allowedOrigin) {
        throw { kind: 'Refused', detail: `the harness only reaches the simulated Jira at ${allowedOrigin}` };
      }
      let response;
      try {
        response = await fetchImpl(url, { method, headers, body: body ?? undefined });
      } catch (err) {
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

/** Store failures cross as {kind, op, key, detail}: the shape the core maps to HostError. */
function rethrow(err) {
  throw { kind: err?.kind ?? 'Storage', op: err?.op ?? 'kv', key: err?.key ?? '', detail: err?.detail ?? err?.message ?? String(err) };
}
