// The key-value half of the Forge Host (src/host/mod.rs is the contract) on @forge/kvs.
// The core has already checked every key and value against Forge's rules; this file only
// maps the contract's operations onto KVS calls and KVS errors onto the contract's.
import { kvs, WhereConditions } from '@forge/kvs';

/** A failed KVS call: the core reports it as HostError::Storage (worth retrying later). */
function storageError(op, key, err) {
  const code = err?.code ? `${err.code}: ` : '';
  return Object.assign(new Error(`${code}${err?.message ?? String(err)}`), { op, key });
}

const wrap = (op, fn) => async (key, ...rest) => {
  try {
    return await fn(key, ...rest);
  } catch (err) {
    throw storageError(op, key, err);
  }
};

/** KVS answers 409 KEY_CONFLICT when FAIL_IF_EXISTS meets an existing key. */
const isConflict = (err) => err?.code === 'KEY_CONFLICT' || err?.responseDetails?.status === 409;

export const kvHost = {
  kvGet: wrap('get', async (key) => (await kvs.get(key)) ?? null),
  kvSet: wrap('set', (key, value) => kvs.set(key, value)),
  /** Create-only: true when written, false when the key already existed (nothing changed). */
  kvCreate: async (key, value) => {
    try {
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw storageError('create', key, err);
    }
  },
  kvDelete: wrap('delete', (key) => kvs.delete(key)),
  /** One page under `prefix`: {entries: [[key, value]], cursor: string | null}. */
  kvList: wrap('list', async (prefix, cursor, limit) => {
    let query = kvs.query().limit(limit);
    if (prefix) query = query.where('key', WhereConditions.beginsWith(prefix));
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    return { entries: page.results.map((r) => [r.key, r.value]), cursor: page.nextCursor ?? null };
  }),
  /** All or nothing: [{op: 'set', key, value} | {op: 'delete', key}], at most 25 (KVS's limit). */
  kvTransact: async (writes) => {
    const tx = kvs.transact();
    for (const w of writes) {
      if (w.op === 'set') tx.set(w.key, w.value);
      else tx.delete(w.key);
    }
    try {
      await tx.execute();
    } catch (err) {
      throw storageError('transact', writes[0]?.key ?? '', err);
    }
  },
  getSecret: wrap('getSecret', async (name) => (await kvs.getSecret(name)) ?? null),
  setSecret: wrap('setSecret', (name, value) => kvs.setSecret(name, value)),
  deleteSecret: wrap('deleteSecret', (name) => kvs.deleteSecret(name)),
};
