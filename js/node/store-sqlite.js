// The KV contract (store.js) on one SQLite file, for a single `usersync serve` and the CLI
// beside it. WAL mode lets the CLI read and write while the server runs; the busy timeout
// turns a brief lock held by the other process into a wait instead of an error.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  checkKey, checkPrefix, checkValue, checkWrites, clampLimit, decodeCursor, encodeCursor, prefixEnd, storageError,
} from './store.js';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY NOT NULL, holder TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
`;

/**
 * Opens (creating if needed) the SQLite store at `file` (`:memory:` for a private one).
 * @returns {import('./store.js').Store}
 */
export function openSqliteStore(file) {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    // FULL: a write the IdP was told succeeded (and its queued Jira work) survives a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
  } catch (err) {
    db?.close();
    throw storageError('open', undefined, err);
  }
  return new SqliteStore(db, file);
}

class SqliteStore {
  #db;
  #file;
  #q;
  #holder = `pid-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  #leases = 0;

  constructor(db, file) {
    this.#db = db;
    this.#file = file;
    this.#q = {
      get: db.prepare('SELECT value FROM kv WHERE key = ?').pluck(),
      set: db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      create: db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
      delete: db.prepare('DELETE FROM kv WHERE key = ?'),
      list: db.prepare('SELECT key, value FROM kv WHERE key >= ? AND key < ? AND key > ? ORDER BY key LIMIT ?').raw(),
      getSecret: db.prepare('SELECT value FROM secrets WHERE name = ?').pluck(),
      setSecret: db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
      createSecret: db.prepare('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'),
      deleteSecret: db.prepare('DELETE FROM secrets WHERE name = ?'),
      takeLease: db.prepare(`INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @expires)
        ON CONFLICT (name) DO UPDATE SET holder = @holder, expires_at = @expires
        WHERE leases.expires_at < @now`),
      dropLease: db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?'),
    };
  }

  /** Runs one statement, turning driver failures into `Storage` errors. */
  #run(op, key, fn) {
    try {
      return fn();
    } catch (err) {
      throw storageError(op, key, err);
    }
  }

  async get(key) {
    checkKey('get', key);
    return this.#run('get', key, () => this.#q.get.get(key) ?? null);
  }

  async set(key, value) {
    checkKey('set', key);
    checkValue('set', key, value);
    this.#run('set', key, () => this.#q.set.run(key, value));
  }

  async create(key, value) {
    checkKey('create', key);
    checkValue('create', key, value);
    return this.#run('create', key, () => this.#q.create.run(key, value).changes === 1);
  }

  async delete(key) {
    checkKey('delete', key);
    this.#run('delete', key, () => this.#q.delete.run(key));
  }

  async list(prefix, cursor, limit) {
    checkPrefix('list', prefix);
    const after = decodeCursor('list', cursor) ?? '';
    const n = clampLimit(limit);
    // One row more than asked tells whether another page exists.
    const rows = this.#run('list', prefix, () => this.#q.list.all(prefix, prefixEnd(prefix), after, n + 1));
    const entries = rows.slice(0, n);
    const more = rows.length > n;
    return { entries, cursor: more ? encodeCursor(entries[entries.length - 1][0]) : null };
  }

  async transact(writes) {
    checkWrites('transact', writes);
    // better-sqlite3 rolls the transaction back if any statement throws.
    const apply = this.#db.transaction(() => {
      for (const w of writes) {
        if (w.op === 'set') this.#q.set.run(w.key, w.value);
        else this.#q.delete.run(w.key);
      }
    });
    this.#run('transact', writes[0]?.key, () => apply());
  }

  async getSecret(name) {
    checkKey('getSecret', name);
    return this.#run('getSecret', name, () => this.#q.getSecret.get(name) ?? null);
  }

  async setSecret(name, value) {
    checkKey('setSecret', name);
    checkValue('setSecret', name, value);
    this.#run('setSecret', name, () => this.#q.setSecret.run(name, value));
  }

  async createSecret(name, value) {
    checkKey('createSecret', name);
    checkValue('createSecret', name, value);
    return this.#run('createSecret', name, () => this.#q.createSecret.run(name, value).changes === 1);
  }

  async deleteSecret(name) {
    checkKey('deleteSecret', name);
    this.#run('deleteSecret', name, () => this.#q.deleteSecret.run(name));
  }

  async lease(name, ttlMs, fn) {
    checkKey('lease', name);
    // One holder per call, so two overlapping calls in one process exclude each other too.
    const holder = `${this.#holder}-${(this.#leases += 1)}`;
    const now = Date.now();
    const taken = this.#run('lease', name, () => this.#q.takeLease.run({ name, holder, expires: now + ttlMs, now }).changes === 1);
    if (!taken) return { held: false };
    try {
      return { held: true, value: await fn() };
    } finally {
      this.#run('lease', name, () => this.#q.dropLease.run(name, holder));
    }
  }

  describe() {
    return { kind: 'sqlite', location: this.#file };
  }

  async close() {
    if (this.#db.open) this.#db.close();
  }
}
