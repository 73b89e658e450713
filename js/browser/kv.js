// The browser host's storage: the core's KV contract (src/host/mod.rs) over IndexedDB, so
// the harness's state survives a reload. Same interface as the Node store adapters
// (js/node/store.js): get, set, create, delete, list, transact, getSecret, setSecret,
// deleteSecret, plus clear for the reset button. The checks are the shared ones
// (js/core/kv-rules.mjs); failures carry `kind` named after the core's HostError variants.
//
// One object store holds plain data and another secrets, which are never listed. A third,
// `side`, holds what the page keeps for itself (the simulated Jira site), so a reset of
// one is a reset of all.

import {
  MAX_LIST_PAGE, StoreError, checkKey, checkPrefix, checkValue, checkWrites, clampLimit, decodeCursor, encodeCursor, prefixEnd,
} from '../core/kv-rules.mjs';

export { StoreError };

const STORES = ['kv', 'secrets', 'side'];

/** Resolves an IDBRequest. */
const done = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

/**
 * Resolves when a transaction commits; rejects when it aborts. A request error that was
 * not handled (preventDefault) aborts the transaction, so `abort` is the one failure event.
 */
const committed = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
});

function openDatabase(name) {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => {
    for (const s of STORES) if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s);
  };
  return done(req);
}

/**
 * Opens (creating if needed) the harness database `name`.
 * @returns {Promise<IdbStore>}
 */
export async function openIdbStore(name = 'usersync-harness') {
  return new IdbStore(await openDatabase(name), name);
}

export class IdbStore {
  constructor(db, name) {
    this.db = db;
    this.name = name;
  }

  /** Runs `fn(objectStore)` in one transaction; resolves with its result once committed. */
  async tx(storeName, mode, op, key, fn) {
    try {
      const tx = this.db.transaction(storeName, mode);
      const result = Promise.resolve(fn(tx.objectStore(storeName)));
      result.catch(() => {}); // an abort rejects both; report it once, from `committed`
      await committed(tx);
      return await result;
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError('Storage', { op, key, detail: err?.message ?? String(err) });
    }
  }

  async get(key) {
    checkKey('get', key);
    return (await this.tx('kv', 'readonly', 'get', key, (s) => done(s.get(key)))) ?? null;
  }

  async set(key, value) {
    checkKey('set', key);
    checkValue('set', key, value);
    await this.tx('kv', 'readwrite', 'set', key, (s) => done(s.put(value, key)));
  }

  /** Writes only if absent. `add` is atomic in IndexedDB: a ConstraintError means it existed. */
  async create(key, value) {
    checkKey('create', key);
    checkValue('create', key, value);
    return this.tx('kv', 'readwrite', 'create', key, (s) => new Promise((resolve, reject) => {
      const req = s.add(value, key);
      req.onsuccess = () => resolve(true);
      req.onerror = (event) => {
        if (req.error?.name !== 'ConstraintError') return reject(req.error);
        event.preventDefault(); // keep the transaction alive: an existing key is an answer
        event.stopPropagation();
        resolve(false);
      };
    }));
  }

  async delete(key) {
    checkKey('delete', key);
    await this.tx('kv', 'readwrite', 'delete', key, (s) => done(s.delete(key)));
  }

  /** All or nothing, in one IndexedDB transaction: `[{op: 'set', key, value} | {op: 'delete', key}]`. */
  async transact(writes) {
    checkWrites('transact', writes);
    await this.tx('kv', 'readwrite', 'transact', writes[0]?.key, (s) =>
      Promise.all(writes.map((w) => done(w.op === 'set' ? s.put(w.value, w.key) : s.delete(w.key)))));
  }

  /**
   * One page of the entries whose key starts with `prefix`, in key order:
   * `{entries: [[key, value], …], cursor}`; `cursor` (the last key, tagged) is null when done.
   */
  async list(prefix, cursor = null, limit = MAX_LIST_PAGE) {
    checkPrefix('list', prefix);
    const after = decodeCursor('list', cursor);
    const n = clampLimit(limit);
    const range = after === null
      ? IDBKeyRange.bound(prefix, prefixEnd(prefix), false, true)
      : IDBKeyRange.bound(after, prefixEnd(prefix), true, true);
    const [keys, values] = await this.tx('kv', 'readonly', 'list', prefix, (s) =>
      Promise.all([done(s.getAllKeys(range, n + 1)), done(s.getAll(range, n + 1))]));
    const entries = keys.slice(0, n).map((k, i) => [k, values[i]]);
    const more = keys.length > n;
    return { entries, cursor: more ? encodeCursor(keys[n - 1]) : null };
  }

  async getSecret(name) {
    checkKey('getSecret', name);
    return (await this.tx('secrets', 'readonly', 'getSecret', name, (s) => done(s.get(name)))) ?? null;
  }

  async setSecret(name, value) {
    checkKey('setSecret', name);
    checkValue('setSecret', name, value);
    await this.tx('secrets', 'readwrite', 'setSecret', name, (s) => done(s.put(value, name)));
  }

  async deleteSecret(name) {
    checkKey('deleteSecret', name);
    await this.tx('secrets', 'readwrite', 'deleteSecret', name, (s) => done(s.delete(name)));
  }

  /** The page's own records (the simulated Jira site), apart from the core's data. */
  async getSide(name) {
    return (await this.tx('side', 'readonly', 'getSide', name, (s) => done(s.get(name)))) ?? null;
  }

  async setSide(name, value) {
    await this.tx('side', 'readwrite', 'setSide', name, (s) => done(s.put(value, name)));
  }

  /** Every key in the plain-data store, for the page's store view. */
  async count() {
    return this.tx('kv', 'readonly', 'count', undefined, (s) => done(s.count()));
  }

  /** Empties data, secrets and side records in one transaction (the reset button). */
  async clear() {
    const tx = this.db.transaction(STORES, 'readwrite');
    for (const s of STORES) tx.objectStore(s).clear();
    await committed(tx);
  }

  close() {
    this.db.close();
  }
}
