// The Node host's storage: one adapter interface, two implementations (SQLite for one node,
// PostgreSQL for several), and the checks both share. The contract is the core's
// (src/host/mod.rs); the adapters re-check keys and values so a host-side caller (the CLI,
// first start) fails the same way the core would; those checks live in js/core/kv-rules.mjs,
// shared with the browser's IndexedDB store.
//
// ## The adapter interface (every method is async)
//
// | method | contract |
// | --- | --- |
// | `get(key)` | the value, or `null` |
// | `set(key, value)` | overwrite |
// | `create(key, value)` | write only if absent: `true` created, `false` it existed (nothing changed) |
// | `delete(key)` | remove; a missing key is not an error |
// | `list(prefix, cursor?, limit?)` | `{entries: [[key, value], …], cursor}`: at most 20 entries whose key starts with `prefix`, in key order; `cursor` (opaque) for the next page, `null` when done |
// | `transact(writes)` | `[{op: 'set', key, value} \| {op: 'delete', key}]`, at most 25, each key once: all applied or none |
// | `getSecret(name)` / `setSecret(name, value)` / `createSecret(name, value)` / `deleteSecret(name)` | the same, in a store apart from `kv`, never listed |
// | `lease(name, ttlMs, fn)` | runs `fn()` while this process holds the named lease and returns `{held: true, value}`; if another holder has it, returns `{held: false}` without running `fn`. PostgreSQL holds a row lock (`FOR UPDATE SKIP LOCKED`) for the whole call; SQLite a row with an expiry. `ttlMs` bounds how long a crashed holder blocks others (SQLite). |
// | `describe()` | `{kind: 'sqlite'|'postgres', location}` with no credentials, for logs and `/healthz` |
// | `close()` | release connections; later calls fail |
//
// Keys match `[a-zA-Z0-9:._\s-#]{1,500}` and are not all whitespace; values are strings of at
// most 240 KiB as a JSON string. Failures are `StoreError`s whose `kind` names the core's
// `HostError` variant: `InvalidKey`, `ValueTooLarge`, `Storage` (transient: retry later).

import { StoreError } from '../core/kv-rules.mjs';

export {
  MAX_KEY_LEN, MAX_VALUE_BYTES, MAX_LIST_PAGE, MAX_TRANSACTION_WRITES, StoreError,
  checkKey, checkPrefix, checkValue, checkWrites, clampLimit, encodeCursor, decodeCursor, prefixEnd,
} from '../core/kv-rules.mjs';

/** Wraps a driver error as a transient `Storage` failure, leaving StoreErrors as they are. */
export function storageError(op, key, err) {
  if (err instanceof StoreError) return err;
  return new StoreError('Storage', { op, key, detail: err?.message ?? String(err), cause: err });
}

/**
 * Opens the store a configuration names: PostgreSQL when `databaseUrl` is a postgres:// URL,
 * else SQLite at `sqlitePath`.
 * @param {{databaseUrl?: string, sqlitePath?: string}} config
 */
export async function openStore({ databaseUrl, sqlitePath } = {}) {
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new Error('USERSYNC_DATABASE_URL must start with postgres:// (leave it unset for SQLite)');
    }
    const { openPostgresStore } = await import('./store-postgres.js');
    return openPostgresStore(databaseUrl);
  }
  const { openSqliteStore } = await import('./store-sqlite.js');
  return openSqliteStore(sqlitePath ?? 'data/usersync.db');
}
