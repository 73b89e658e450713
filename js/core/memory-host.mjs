// An in-memory UsersyncHost for tests and demos: the KV contract (create-only writes,
// prefix lists of at most `limit` entries with a cursor, secrets kept apart) over Maps,
// and fetch over any WHATWG fetch (the Jira simulator's `sim.fetch`, or the real one).
//
//   const store = createMemoryStore();                 // shared by hosts on "one storage"
//   const host = createMemoryHost({ store, fetch: sim.fetch });
//   const core = new UsersyncCore(host);

/** Storage that outlives a host: two hosts on one store are two runtimes on one database. */
export function createMemoryStore() {
  return { kv: new Map(), secrets: new Map() };
}

/**
 * @param {{store?: {kv: Map, secrets: Map}, fetch?: Function, now?: () => number,
 *          log?: (level: string, event: string) => void, kvFault?: (op: string, key: string) => Error | undefined}} options
 *   kvFault: return an Error to make that KV call throw (fault injection).
 */
export function createMemoryHost({ store = createMemoryStore(), fetch = globalThis.fetch, now = Date.now, log = () => {}, kvFault } = {}) {
  const { kv, secrets } = store;
  const check = (op, key) => {
    const error = kvFault?.(op, key);
    if (error) throw error;
  };
  return {
    store,
    async fetch({ method, url, headers, body }) {
      const res = await fetch(url, { method, headers, body: body ?? undefined });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
    },
    async kvGet(key) { check('get', key); return kv.get(key) ?? null; },
    async kvSet(key, value) { check('set', key); kv.set(key, value); },
    async kvCreate(key, value) {
      check('create', key);
      if (kv.has(key)) return false;
      kv.set(key, value);
      return true;
    },
    async kvDelete(key) { check('delete', key); kv.delete(key); },
    async kvList(prefix, cursor, limit) {
      check('list', prefix);
      const keys = [...kv.keys()].filter((k) => k.startsWith(prefix) && (cursor == null || k > cursor)).sort();
      const page = keys.slice(0, limit);
      return { entries: page.map((k) => [k, kv.get(k)]), cursor: keys.length > limit ? page.at(-1) : null };
    },
    /** All or nothing: a fault on the first write fails the batch before any is applied. */
    async kvTransact(writes) {
      check('transact', writes[0]?.key ?? '');
      for (const w of writes) {
        if (w.op === 'set') kv.set(w.key, w.value);
        else kv.delete(w.key);
      }
    },
    async getSecret(name) { return secrets.get(name) ?? null; },
    async setSecret(name, value) { secrets.set(name, value); },
    async deleteSecret(name) { secrets.delete(name); },
    now,
    log,
  };
}
