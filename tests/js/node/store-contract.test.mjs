// The host KV contract (src/host/mod.rs, js/node/store.js) as one table of cases, run against
// both adapters: SQLite on a temporary file and PostgreSQL on a fresh database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openSqliteStore } from '../../../js/node/store-sqlite.js';
import pg from 'pg';
import { openPostgresStore } from '../../../js/node/store-postgres.js';
import { MAX_VALUE_BYTES, StoreError } from '../../../js/node/store.js';
import { tempDir, postgresTestUrl, freshPostgresDatabase } from './helpers.mjs';

const rejectsWith = (kind) => (err) => err instanceof StoreError && err.kind === kind;

/** Every page of a walk under `prefix`. */
async function walk(store, prefix, limit) {
  const pages = [];
  let cursor = null;
  do {
    const page = await store.list(prefix, cursor, limit);
    pages.push(page.entries);
    cursor = page.cursor;
  } while (cursor && pages.length < 100);
  return pages;
}

const CASES = [
  ['get of a missing key is null', async (s) => {
    assert.equal(await s.get('nope'), null);
  }],
  ['set then get; set overwrites', async (s) => {
    await s.set('u:c1:1', '{"a":1}');
    assert.equal(await s.get('u:c1:1'), '{"a":1}');
    await s.set('u:c1:1', 'second');
    assert.equal(await s.get('u:c1:1'), 'second');
  }],
  ['create writes only when absent and says which happened', async (s) => {
    assert.equal(await s.create('ix:c1:u:un:abc', 'user-1'), true);
    assert.equal(await s.create('ix:c1:u:un:abc', 'user-2'), false);
    assert.equal(await s.get('ix:c1:u:un:abc'), 'user-1');
  }],
  ['create after delete creates again', async (s) => {
    await s.create('lock:x', 'a');
    await s.delete('lock:x');
    assert.equal(await s.create('lock:x', 'b'), true);
    assert.equal(await s.get('lock:x'), 'b');
  }],
  ['twenty concurrent creates of one key: exactly one wins', async (s) => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => s.create('race', `v${i}`)));
    assert.equal(results.filter(Boolean).length, 1);
    assert.equal(await s.get('race'), `v${results.indexOf(true)}`);
  }],
  ['delete removes; deleting a missing key is not an error', async (s) => {
    await s.set('gone', 'x');
    await s.delete('gone');
    assert.equal(await s.get('gone'), null);
    await s.delete('never-there');
  }],
  ['list returns only keys under the prefix, in key order', async (s) => {
    for (const k of ['g:c1:2', 'u:c1:b', 'u:c1:a', 'u:c10:x', 'u:c2:a', 'u:c1']) await s.set(k, k.toUpperCase());
    const page = await s.list('u:c1:', null, 20);
    assert.deepEqual(page.entries, [['u:c1:a', 'U:C1:A'], ['u:c1:b', 'U:C1:B']]);
    assert.equal(page.cursor, null);
  }],
  ['list pages hold at most 20 entries; the cursor walks every key once', async (s) => {
    const keys = Array.from({ length: 45 }, (_, i) => `ob:${String(i).padStart(3, '0')}`);
    for (const k of keys) await s.set(k, k);
    await s.set('oc:outside', 'x');
    const pages = await walk(s, 'ob:', 100);
    assert.deepEqual(pages.map((p) => p.length), [20, 20, 5]);
    assert.deepEqual(pages.flat().map(([k]) => k), keys);
  }],
  ['list limit is clamped to 1..20', async (s) => {
    for (let i = 0; i < 3; i += 1) await s.set(`l:${i}`, 'v');
    assert.equal((await s.list('l:', null, 0)).entries.length, 1);
    assert.equal((await s.list('l:', null, 2)).entries.length, 2);
    assert.deepEqual((await walk(s, 'l:', 1)).map((p) => p.length), [1, 1, 1]);
  }],
  ['list with an empty prefix walks everything, secrets excluded', async (s) => {
    await s.set('a', '1');
    await s.set('b c', '2');
    await s.setSecret('hidden', 'shh');
    assert.deepEqual((await walk(s, '')).flat(), [['a', '1'], ['b c', '2']]);
  }],
  ['a page ending exactly at the last key still ends the walk', async (s) => {
    for (let i = 0; i < 20; i += 1) await s.set(`x:${String(i).padStart(2, '0')}`, 'v');
    const page = await s.list('x:', null, 20);
    assert.equal(page.entries.length, 20);
    assert.equal(page.cursor, null);
  }],
  ['keys may hold every allowed character, whitespace included', async (s) => {
    const key = 'a-Z_0.9:#\tend space';
    await s.set(key, 'ok');
    assert.equal(await s.get(key), 'ok');
    assert.deepEqual((await s.list('a-Z_0.9:#\t')).entries, [[key, 'ok']]);
  }],
  ['values round-trip exactly (Unicode, newlines, JSON)', async (s) => {
    const value = '{"name":"Zoë 🚀","note":"line1\\nline2"}\n\u0000 tail';
    await s.set('v', value);
    assert.equal(await s.get('v'), value);
  }],
  ['keys outside the contract are refused before the store is touched', async (s) => {
    for (const key of ['', 'a/b', 'é', '   ', 'x'.repeat(501), 'tab\u000bvertical']) {
      await assert.rejects(s.set(key, 'v'), rejectsWith('InvalidKey'), JSON.stringify(key));
      await assert.rejects(s.get(key), rejectsWith('InvalidKey'));
      await assert.rejects(s.create(key, 'v'), rejectsWith('InvalidKey'));
    }
    await s.set('k'.repeat(500), 'longest key');
    assert.equal(await s.get('k'.repeat(500)), 'longest key');
    await assert.rejects(s.list('a/'), rejectsWith('InvalidKey'));
  }],
  ['values are limited to 240 KiB as a JSON string, escapes counted', async (s) => {
    const fits = 'a'.repeat(MAX_VALUE_BYTES - 2); // + 2 quotes = exactly the limit
    await s.set('big', fits);
    assert.equal((await s.get('big')).length, fits.length);
    await assert.rejects(s.set('big', `${fits}a`), rejectsWith('ValueTooLarge'));
    await assert.rejects(s.create('big2', `"${fits.slice(1)}`), rejectsWith('ValueTooLarge'));
    await assert.rejects(s.setSecret('big3', `${fits}a`), rejectsWith('ValueTooLarge'));
    assert.equal((await s.get('big')).length, fits.length);
  }],
  ['secrets live apart from plain data', async (s) => {
    await s.setSecret('jira.token', 'secret-1');
    assert.equal(await s.getSecret('jira.token'), 'secret-1');
    assert.equal(await s.get('jira.token'), null);
    await s.set('plain', 'p');
    assert.equal(await s.getSecret('plain'), null);
    await s.setSecret('jira.token', 'secret-2');
    assert.equal(await s.getSecret('jira.token'), 'secret-2');
    assert.equal(await s.createSecret('jira.token', 'secret-3'), false);
    assert.equal(await s.createSecret('admin', 'h'), true);
    assert.equal(await s.getSecret('jira.token'), 'secret-2');
  }],
  ['transact applies sets and deletes together; a bad batch writes nothing', async (s) => {
    await s.set('old', 'x');
    await s.transact([{ op: 'set', key: 'a', value: '1' }, { op: 'delete', key: 'old' }, { op: 'delete', key: 'never' }]);
    assert.deepEqual((await walk(s, '')).flat(), [['a', '1']]);
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ op: 'set', key: `k${i}`, value: 'v' }));
    await assert.rejects(s.transact(tooMany), rejectsWith('InvalidBatch'));
    await assert.rejects(s.transact([{ op: 'set', key: 'b', value: '1' }, { op: 'delete', key: 'b' }]), rejectsWith('InvalidBatch'));
    await assert.rejects(s.transact([{ op: 'set', key: 'b', value: '1' }, { op: 'set', key: 'a/b', value: '1' }]), rejectsWith('InvalidKey'));
    assert.deepEqual((await walk(s, '')).flat(), [['a', '1']]);
    await s.transact(tooMany.slice(0, 25));
    assert.equal((await walk(s, 'k')).flat().length, 25);
  }],
  ['deleteSecret removes a secret; a missing one is not an error', async (s) => {
    await s.setSecret('jira:c1:apiToken', 't');
    await s.deleteSecret('jira:c1:apiToken');
    assert.equal(await s.getSecret('jira:c1:apiToken'), null);
    await s.deleteSecret('jira:c1:apiToken');
  }],
  ['a cursor that no list call returned is refused', async (s) => {
    await assert.rejects(s.list('', 'not-a-cursor'), rejectsWith('InvalidCursor'));
  }],
  ['a lease excludes a second holder until released', async (s) => {
    let inner;
    const outer = await s.lease('drain', 10_000, async () => {
      inner = await s.lease('drain', 10_000, async () => 'should not run');
      return 'ran';
    });
    assert.deepEqual(outer, { held: true, value: 'ran' });
    assert.deepEqual(inner, { held: false });
    assert.deepEqual(await s.lease('drain', 10_000, async () => 'again'), { held: true, value: 'again' });
  }],
  ['a lease is released when its function throws', async (s) => {
    await assert.rejects(s.lease('l', 10_000, async () => { throw new Error('boom'); }), /boom/);
    assert.deepEqual(await s.lease('l', 10_000, async () => 1), { held: true, value: 1 });
  }],
];

/** Runs every case on a fresh store from `open(t)`; reopens to check durability once. */
function contract(label, open) {
  for (const [name, body] of CASES) {
    test(`${label}: ${name}`, async (t) => {
      const store = await open(t);
      try {
        await body(store);
      } finally {
        await store.close();
      }
    });
  }
}

contract('sqlite', async (t) => openSqliteStore(path.join(tempDir(t), 'kv.db')));

contract('postgres', async (t) => openPostgresStore(await freshPostgresDatabase(t, postgresTestUrl())));

test('sqlite: data survives a reopen; the file is in WAL mode', async (t) => {
  const file = path.join(tempDir(t), 'nested', 'dir', 'kv.db');
  const first = openSqliteStore(file);
  await first.set('k', 'v');
  await first.setSecret('s', 'x');
  await first.close();
  const second = openSqliteStore(file);
  try {
    assert.equal(await second.get('k'), 'v');
    assert.equal(await second.getSecret('s'), 'x');
    assert.deepEqual(second.describe(), { kind: 'sqlite', location: file });
  } finally {
    await second.close();
  }
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(file, { readonly: true });
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});

test('postgres: two stores on one database share state, describe() hides credentials', async (t) => {
  const url = await freshPostgresDatabase(t, postgresTestUrl());
  const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
  try {
    await a.set('shared', '1');
    assert.equal(await b.get('shared'), '1');
    assert.equal(await b.create('shared', '2'), false);
    let fromB;
    await a.lease('drain', 10_000, async () => { fromB = await b.lease('drain', 10_000, async () => 'no'); });
    assert.deepEqual(fromB, { held: false });
    assert.equal(a.describe().kind, 'postgres');
    assert.doesNotMatch(a.describe().location, /usersync@/);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('postgres: a lease whose connection the server drops ends cleanly, and the lease can be taken again', async (t) => {
  const url = await freshPostgresDatabase(t, postgresTestUrl());
  const store = await openPostgresStore(url);
  const admin = new pg.Client({ connectionString: postgresTestUrl() });
  await admin.connect();
  try {
    const database = new URL(url).pathname.slice(1);
    const outcome = await store.lease('drain', 10_000, async () => {
      // The holder's session is the one with the lease row locked; the server ends it.
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'usersync' AND state = 'idle in transaction'`, [database]);
      assert.equal(killed.rowCount, 1, 'exactly the lease holder is terminated');
      await new Promise((r) => setTimeout(r, 200)); // the client hears of it while idle
      return 'step done';
    });
    assert.deepEqual(outcome, { held: true, value: 'step done' });
    assert.deepEqual(await store.lease('drain', 10_000, async () => 'again'), { held: true, value: 'again' });
    assert.equal(await store.get('missing'), null, 'the pool still serves queries');
  } finally {
    await admin.end();
    await store.close();
  }
});

test('postgres: an unreachable server is one Storage error at open', async () => {
  await assert.rejects(openPostgresStore('postgres://nobody@127.0.0.1:1/none'), rejectsWith('Storage'));
});

/** A store whose database refuses to write the key `boom` (a trigger), to fail a transaction midway. */
const FAIL_MIDWAY = [
  { op: 'set', key: 'first', value: '1' },
  { op: 'delete', key: 'kept' },
  { op: 'set', key: 'boom', value: '2' },
];

test('sqlite: a transaction that fails midway leaves nothing written', async (t) => {
  const file = path.join(tempDir(t), 'kv.db');
  const store = openSqliteStore(file);
  try {
    await store.set('kept', 'k');
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON kv WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    db.close();
    await assert.rejects(store.transact(FAIL_MIDWAY), rejectsWith('Storage'));
    assert.deepEqual((await walk(store, '')).flat(), [['kept', 'k']]);
  } finally {
    await store.close();
  }
});

test('postgres: a transaction that fails midway leaves nothing written', async (t) => {
  const url = await freshPostgresDatabase(t, postgresTestUrl());
  const store = await openPostgresStore(url);
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  try {
    await store.set('kept', 'k');
    await client.connect();
    await client.query(`CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN
      IF NEW.key = 'boom' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await client.query('CREATE TRIGGER refuse BEFORE INSERT ON kv FOR EACH ROW EXECUTE FUNCTION refuse()');
    await assert.rejects(store.transact(FAIL_MIDWAY), rejectsWith('Storage'));
    assert.deepEqual((await walk(store, '')).flat(), [['kept', 'k']]);
  } finally {
    await client.end();
    await store.close();
  }
});
