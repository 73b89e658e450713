// The real @forge/kvs SDK against the runtime shim: the KVS contract the Forge host relies on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiraSim } from '../../../js/jira-sim/index.js';
import { createForgeRuntime, loadManifest } from './runtime-shim.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let forge;
let kvs;
let sdk;

before(async () => {
  const manifest = await loadManifest(path.join(root, 'manifest.yml'));
  forge = createForgeRuntime({ manifest, sim: createJiraSim() }).install();
  sdk = forge.require('@forge/kvs');
  kvs = sdk.kvs;
});
after(() => forge.uninstall());

/** The rejection of `promise`, as {status, code} from the SDK's ForgeKvsAPIError. */
async function failure(promise) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof sdk.ForgeKvsAPIError, `expected a ForgeKvsAPIError, got ${err}`);
    return { status: err.responseDetails.status, code: err.code };
  }
  assert.fail('expected the call to fail');
}

test('set, get and delete round-trip; a missing key reads as undefined and deletes quietly', async () => {
  await kvs.set('conn:c1', { name: 'Okta' });
  assert.deepEqual(await kvs.get('conn:c1'), { name: 'Okta' });
  await kvs.delete('conn:c1');
  assert.equal(await kvs.get('conn:c1'), undefined);
  await kvs.delete('conn:c1');
});

test('FAIL_IF_EXISTS creates once, then answers 409 KEY_CONFLICT and keeps the first value', async () => {
  await kvs.set('ix:c1:u:un:abc', 'u1', { keyPolicy: 'FAIL_IF_EXISTS' });
  assert.deepEqual(await failure(kvs.set('ix:c1:u:un:abc', 'u2', { keyPolicy: 'FAIL_IF_EXISTS' })), { status: 409, code: 'KEY_CONFLICT' });
  assert.equal(await kvs.get('ix:c1:u:un:abc'), 'u1');
});

test('key rules: 1–500 characters of [a-zA-Z0-9:._\\s-#], not all whitespace', async (t) => {
  const rows = [
    ['empty', '', 'KEY_TOO_SHORT'],
    ['slash', 'a/b', 'INVALID_KEY'],
    ['non-ASCII', 'é', 'INVALID_KEY'],
    ['only spaces', '   ', 'INVALID_KEY'],
    ['501 characters', 'k'.repeat(501), 'KEY_TOO_LONG'],
  ];
  for (const [name, key, code] of rows) {
    await t.test(name, async () => assert.deepEqual(await failure(kvs.set(key, 1)), { status: 400, code }));
  }
  await kvs.set('ok:a b#c-d.e_f', 1);
  await kvs.set('k'.repeat(500), 1);
});

test('values: at most 240 KiB as JSON', async () => {
  const fits = 'x'.repeat(240 * 1024 - 2); // plus the two quotes of its JSON form
  await kvs.set('big:fits', fits);
  assert.equal((await kvs.get('big:fits')).length, fits.length);
  assert.deepEqual(await failure(kvs.set('big:over', `${fits}x`)), { status: 400, code: 'MAX_SIZE' });
  assert.equal(await kvs.get('big:over'), undefined);
});

test('query: beginsWith, key order, pages of at most 20 with a cursor until the end', async () => {
  const keys = Array.from({ length: 45 }, (_, i) => `gm:c1:g1:${String(i).padStart(3, '0')}`);
  for (const key of [...keys].reverse()) await kvs.set(key, '');
  await kvs.set('gm:c1:g2:000', '');
  const seen = [];
  const sizes = [];
  let cursor;
  do {
    let q = kvs.query().where('key', sdk.WhereConditions.beginsWith('gm:c1:g1:')).limit(20);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    sizes.push(page.results.length);
    seen.push(...page.results.map((r) => r.key));
    cursor = page.nextCursor;
  } while (cursor);
  assert.deepEqual(sizes, [20, 20, 5]);
  assert.deepEqual(seen, keys);
  const tooMany = kvs.query().where('key', sdk.WhereConditions.beginsWith('gm:')).limit(21).getMany();
  assert.deepEqual(await failure(tooMany), { status: 400, code: 'LIST_QUERY_LIMIT_EXCEEDED' });
  const other = kvs.query().where('key', sdk.WhereConditions.greaterThan('gm:')).getMany();
  assert.deepEqual(await failure(other), { status: 400, code: 'INVALID_FILTER_CONDITION' });
});

test('transactions apply all or nothing; at most 25 operations, no key twice', async () => {
  await kvs.set('tx:old', 1);
  await kvs.transact().set('tx:a', 1).set('tx:b', 2).delete('tx:old').execute();
  assert.deepEqual([await kvs.get('tx:a'), await kvs.get('tx:b'), await kvs.get('tx:old')], [1, 2, undefined]);

  const dup = kvs.transact().set('tx:c', 1).set('tx:c', 2).execute();
  assert.deepEqual(await failure(dup), { status: 400, code: 'KEY_DUPLICATION_ERROR' });
  assert.equal(await kvs.get('tx:c'), undefined);

  let big = kvs.transact();
  for (let i = 0; i < 26; i += 1) big = big.set(`tx:n${i}`, i);
  assert.deepEqual(await failure(big.execute()), { status: 422, code: 'UNPROCESSABLE_ENTITY' });
  assert.equal(await kvs.get('tx:n0'), undefined);
});

test('secrets live apart: not readable as plain keys, never listed', async () => {
  await kvs.setSecret('jira:c1:apiToken', 'sim-api-token');
  assert.equal(await kvs.getSecret('jira:c1:apiToken'), 'sim-api-token');
  assert.equal(await kvs.get('jira:c1:apiToken'), undefined);
  const listed = await kvs.query().where('key', sdk.WhereConditions.beginsWith('jira:')).getMany();
  assert.deepEqual(listed.results, []);
  assert.deepEqual(forge.kvs.secretNames(), ['jira:c1:apiToken']);
});
