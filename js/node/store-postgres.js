// The KV contract (store.js) on PostgreSQL, so several `usersync serve` processes share one
// state. Create-only is `INSERT … ON CONFLICT DO NOTHING` on the primary key, so exactly one
// node wins a race for a key. Keys use the "C" collation: byte order, whatever the
// database's locale, so prefix ranges and cursors mean the same everywhere. Values are BYTEA
// (UTF-8) because TEXT refuses U+0000, which the contract allows.
//
// Leases hold a row lock taken with `FOR UPDATE SKIP LOCKED` in a transaction that stays open
// for the whole call: a second node skips instead of waiting, and a node that dies releases
// its lease with its connection.
import pg from 'pg';
import {
  checkKey, checkPrefix, checkValue, checkWrites, clampLimit, decodeCursor, encodeCursor, prefixEnd, storageError,
} from './store.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS kv (key TEXT COLLATE "C" PRIMARY KEY, value BYTEA NOT NULL);
  CREATE TABLE IF NOT EXISTS secrets (name TEXT COLLATE "C" PRIMARY KEY, value BYTEA NOT NULL);
  CREATE TABLE IF NOT EXISTS leases (name TEXT COLLATE "C" PRIMARY KEY);
`;
// Serializes schema creation between nodes starting at once (CREATE … IF NOT EXISTS races).
const SCHEMA_LOCK = 0x75737973; // "usys"

/**
 * Connects to `url` and makes sure the tables exist.
 * @returns {Promise<import('./store.js').Store>}
 */
export async function openPostgresStore(url) {
  const pool = new pg.Pool({ connectionString: url, max: 8, application_name: 'usersync' });
  // An idle client that loses its server must not crash the process; the next query fails instead.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
      await client.query(SCHEMA);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => {});
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => {});
    throw storageError('open', undefined, err);
  }
  return new PostgresStore(pool, url);
}

const utf8 = (value) => Buffer.from(value, 'utf8');
const text = (bytes) => (bytes === undefined || bytes === null ? null : bytes.toString('utf8'));

class PostgresStore {
  #pool;
  #location;

  constructor(pool, url) {
    this.#pool = pool;
    const u = new URL(url);
    this.#location = `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`; // no user, no password
  }

  async #query(op, key, text, values) {
    try {
      return await this.#pool.query(text, values);
    } catch (err) {
      throw storageError(op, key, err);
    }
  }

  async get(key) {
    checkKey('get', key);
    const r = await this.#query('get', key, 'SELECT value FROM kv WHERE key = $1', [key]);
    return text(r.rows[0]?.value);
  }

  async set(key, value) {
    checkKey('set', key);
    checkValue('set', key, value);
    await this.#query('set', key,
      'INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, utf8(value)]);
  }

  async create(key, value) {
    checkKey('create', key);
    checkValue('create', key, value);
    const r = await this.#query('create', key, 'INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, utf8(value)]);
    return r.rowCount === 1;
  }

  async delete(key) {
    checkKey('delete', key);
    await this.#query('delete', key, 'DELETE FROM kv WHERE key = $1', [key]);
  }

  async list(prefix, cursor, limit) {
    checkPrefix('list', prefix);
    const after = decodeCursor('list', cursor) ?? '';
    const n = clampLimit(limit);
    const r = await this.#query('list', prefix,
      'SELECT key, value FROM kv WHERE key >= $1 AND key < $2 AND key > $3 ORDER BY key LIMIT $4',
      [prefix, prefixEnd(prefix), after, n + 1]);
    const entries = r.rows.slice(0, n).map((row) => [row.key, text(row.value)]);
    const more = r.rows.length > n;
    return { entries, cursor: more ? encodeCursor(entries[entries.length - 1][0]) : null };
  }

  async transact(writes) {
    checkWrites('transact', writes);
    try {
      await this.#withClient(async (client) => {
        await client.query('BEGIN');
        try {
          for (const w of writes) {
            if (w.op === 'set') {
              await client.query('INSERT INTO kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [w.key, utf8(w.value)]);
            } else {
              await client.query('DELETE FROM kv WHERE key = $1', [w.key]);
            }
          }
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
      });
    } catch (err) {
      throw storageError('transact', writes[0]?.key, err);
    }
  }

  /**
   * Runs `fn(client, lost)` on a pooled client and gives it back. While it is checked out,
   * the server may drop it (restart, failover, an admin's pg_terminate_backend): pg then
   * emits 'error' on the client, which would crash the process without a listener. The
   * error is kept (`lost()` returns it) and the query in flight fails on its own. After
   * a loss or any failure the client is discarded, not risked in the pool again.
   */
  async #withClient(fn) {
    const client = await this.#pool.connect();
    let lost = null;
    const onLost = (err) => { lost = err; };
    client.on('error', onLost);
    try {
      return await fn(client, () => lost);
    } catch (err) {
      lost ??= err;
      throw err;
    } finally {
      client.off('error', onLost);
      client.release(lost ?? undefined);
    }
  }

  async getSecret(name) {
    checkKey('getSecret', name);
    const r = await this.#query('getSecret', name, 'SELECT value FROM secrets WHERE name = $1', [name]);
    return text(r.rows[0]?.value);
  }

  async setSecret(name, value) {
    checkKey('setSecret', name);
    checkValue('setSecret', name, value);
    await this.#query('setSecret', name,
      'INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, utf8(value)]);
  }

  async createSecret(name, value) {
    checkKey('createSecret', name);
    checkValue('createSecret', name, value);
    const r = await this.#query('createSecret', name,
      'INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, utf8(value)]);
    return r.rowCount === 1;
  }

  async deleteSecret(name) {
    checkKey('deleteSecret', name);
    await this.#query('deleteSecret', name, 'DELETE FROM secrets WHERE name = $1', [name]);
  }

  async lease(name, _ttlMs, fn) {
    checkKey('lease', name);
    await this.#query('lease', name, 'INSERT INTO leases (name) VALUES ($1) ON CONFLICT DO NOTHING', [name]);
    let held = false;
    try {
      return await this.#withClient(async (client, lost) => {
        await client.query('BEGIN');
        const r = await client.query('SELECT name FROM leases WHERE name = $1 FOR UPDATE SKIP LOCKED', [name]);
        if (r.rowCount === 0) {
          await client.query('ROLLBACK');
          return { held: false };
        }
        held = true;
        // If the session dies while `fn` runs, the lease (the row lock) died with it: `fn`
        // finishes its step, and there is nothing to commit.
        try {
          return { held: true, value: await fn() };
        } finally {
          if (!lost()) await client.query('COMMIT').catch(() => {});
        }
      });
    } catch (err) {
      if (held) throw err; // fn's own failure, as it threw it
      throw storageError('lease', name, err);
    }
  }

  describe() {
    return { kind: 'postgres', location: this.#location };
  }

  async close() {
    await this.#pool.end();
  }
}
