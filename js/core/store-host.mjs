// The KV half of a host object, over a store with the one storage interface (Node's
// SQLite/Postgres stores, the browser's IndexedDB store): the core's kv* and secret
// imports, one to one. Store failures reject with the store's Errors, whose message the
// core reads.

/** The core's KV and secret imports over `store`. */
export function storeImports(store) {
  return {
    kvGet: (key) => store.get(key),
    kvSet: (key, value) => store.set(key, value),
    kvCreate: (key, value) => store.create(key, value),
    kvDelete: (key) => store.delete(key),
    /** One page: {entries: [[key, value]], cursor: string | null}. */
    kvList: (prefix, cursor, limit) => store.list(prefix, cursor ?? null, limit),
    /** All or nothing: [{op: 'set', key, value} | {op: 'delete', key}]. */
    kvTransact: (writes) => store.transact(writes),
    getSecret: (name) => store.getSecret(name),
    setSecret: (name, value) => store.setSecret(name, value),
    deleteSecret: (name) => store.deleteSecret(name),
  };
}
