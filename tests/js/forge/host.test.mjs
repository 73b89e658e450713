// The Forge host's IO halves (js/forge/kv.js, js/forge/jira.js) on the real @forge/kvs and
// @forge/api code, through the runtime shim, against the Jira simulator. No WASM core needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiraSim, DEMO_ADMIN, DEMO_ORG_KEY, DEMO_SEED } from '../../../js/jira-sim/index.js';
import { createForgeRuntime, loadManifest } from './runtime-shim.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SITE = 'https://acme.atlassian.net';
const basic = `Basic ${Buffer.from(`${DEMO_ADMIN.email}:${DEMO_ADMIN.apiToken}`).toString('base64')}`;
const json = [['Accept', 'application/json'], ['Content-Type', 'application/json']];
let forge;
let sim;
let kvHost;
let sendJira;

before(async () => {
  const manifest = await loadManifest(path.join(root, 'manifest.yml'));
  sim = createJiraSim({ baseUrl: SITE });
  forge = createForgeRuntime({ manifest, sim, siteUrl: SITE }).install();
  // Imported after install(): @forge/api binds the runtime's fetch when first loaded.
  ({ kvHost } = await import('../../../js/forge/kv.js'));
  ({ sendJira } = await import('../../../js/forge/jira.js'));
});
after(() => forge.uninstall());

test('kv host: create is create-only and says which happened', async () => {
  assert.equal(await kvHost.kvCreate('ix:c1:u:un:aa', 'u1'), true);
  assert.equal(await kvHost.kvCreate('ix:c1:u:un:aa', 'u2'), false);
  assert.equal(await kvHost.kvGet('ix:c1:u:un:aa'), 'u1');
  assert.equal(await kvHost.kvGet('ix:c1:u:un:none'), null);
  await kvHost.kvDelete('ix:c1:u:un:aa');
  await kvHost.kvDelete('ix:c1:u:un:aa');
  assert.equal(await kvHost.kvGet('ix:c1:u:un:aa'), null);
});

test('kv host: list walks a prefix in pages with a cursor, ending with null', async () => {
  for (let i = 0; i < 23; i += 1) await kvHost.kvSet(`um:c1:u1:g${String(i).padStart(2, '0')}`, '');
  await kvHost.kvSet('um:c1:u2:g00', '');
  const first = await kvHost.kvList('um:c1:u1:', null, 20);
  assert.equal(first.entries.length, 20);
  assert.deepEqual(first.entries[0], ['um:c1:u1:g00', '']);
  const second = await kvHost.kvList('um:c1:u1:', first.cursor, 20);
  assert.deepEqual(second.entries.map(([k]) => k), ['um:c1:u1:g20', 'um:c1:u1:g21', 'um:c1:u1:g22']);
  assert.equal(second.cursor, null);
});

test('kv host: secrets round-trip apart from plain keys; store failures cross as Storage errors', async () => {
  await kvHost.setSecret('jira:c1:orgKey', DEMO_ORG_KEY);
  assert.equal(await kvHost.getSecret('jira:c1:orgKey'), DEMO_ORG_KEY);
  assert.equal(await kvHost.getSecret('jira:c1:nothing'), null);
  assert.equal(await kvHost.kvGet('jira:c1:orgKey'), null);
  await assert.rejects(kvHost.kvSet('big', 'x'.repeat(241 * 1024)), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.op, 'set');
    assert.match(err.message, /^MAX_SIZE: /);
    return true;
  });
});

test('kv host: transact is kvs.transact, all or nothing; deleteSecret forgets a secret', async () => {
  await kvHost.kvSet('u:c1:old', 'x');
  await kvHost.kvTransact([{ op: 'set', key: 'u:c1:new', value: '{}' }, { op: 'delete', key: 'u:c1:old' }]);
  assert.equal(await kvHost.kvGet('u:c1:new'), '{}');
  assert.equal(await kvHost.kvGet('u:c1:old'), null);
  // One value over KVS's limit fails the whole transaction: the other write doesn't land.
  await assert.rejects(kvHost.kvTransact([
    { op: 'set', key: 'u:c1:a', value: '1' },
    { op: 'set', key: 'u:c1:b', value: 'x'.repeat(241 * 1024) },
  ]), (err) => err.op === 'transact');
  assert.equal(await kvHost.kvGet('u:c1:a'), null);
  await kvHost.setSecret('jira:c9:apiToken', 't');
  await kvHost.deleteSecret('jira:c9:apiToken');
  assert.equal(await kvHost.getSecret('jira:c9:apiToken'), null);
  await kvHost.deleteSecret('jira:c9:apiToken');
  assert.ok(!forge.kvs.secretNames().includes('jira:c9:apiToken'));
});

test('jira transport: group calls go through asApp().requestJira, signed by Forge, not by the core', async () => {
  const before = forge.requests.length;
  // Headers as the core sends them: an object.
  const res = await sendJira({ method: 'GET', url: `${SITE}/rest/api/3/group/bulk?groupName=developers`, headers: { Accept: 'application/json', Authorization: 'Basic bm90OnVzZWQ=' } });
  assert.equal(res.status, 200);
  assert.equal(JSON.parse(res.body).values[0].name, 'developers');
  assert.deepEqual(forge.requests.slice(before).map((r) => [r.via, r.method, r.path]), [['requestJira', 'GET', '/rest/api/3/group/bulk?groupName=developers']]);
});

test('jira transport: POST /rest/api/3/user is plain fetch with the site admin\'s Basic auth', async () => {
  const before = forge.requests.length;
  const res = await sendJira({
    method: 'POST', url: `${SITE}/rest/api/3/user`, headers: [...json, ['Authorization', basic]],
    body: JSON.stringify({ emailAddress: 'erin@example.com', products: ['jira-software'] }),
  });
  assert.equal(res.status, 201, res.body);
  assert.deepEqual(forge.requests.slice(before).map((r) => [r.via, r.method]), [['fetch', 'POST']]);
  assert.ok(sim.snapshot().users.some((u) => u.emailAddress === 'erin@example.com'));
});

test('jira transport: GET /rest/api/3/myself (test connection) is plain fetch with the site admin\'s Basic auth', async () => {
  const before = forge.requests.length;
  const res = await sendJira({ method: 'GET', url: `${SITE}/rest/api/3/myself`, headers: { Accept: 'application/json', Authorization: basic } });
  assert.equal(res.status, 200, res.body);
  assert.equal(JSON.parse(res.body).emailAddress, DEMO_ADMIN.email);
  assert.deepEqual(forge.requests.slice(before).map((r) => [r.via, r.method]), [['fetch', 'GET']]);
});

test('jira transport: the org admin API is plain fetch with the Bearer key', async () => {
  const { orgId, directoryId } = DEMO_SEED.org;
  const bob = sim.snapshot().users.find((u) => u.emailAddress === 'bob@example.com').accountId;
  const res = await sendJira({
    method: 'POST', url: `https://api.atlassian.com/admin/v2/orgs/${orgId}/directories/${directoryId}/users/${bob}/suspend`,
    headers: [['Accept', 'application/json'], ['Authorization', `Bearer ${DEMO_ORG_KEY}`]],
  });
  assert.equal(res.status, 200, res.body);
  assert.equal(sim.snapshot().users.find((u) => u.emailAddress === 'bob@example.com').active, false);
});

test('jira transport: a host outside external.fetch.backend is Refused; a dropped connection is Network', async () => {
  await assert.rejects(sendJira({ method: 'GET', url: 'https://evil.example.com/rest/api/3/myself' }), (err) => err.refused === true);
  sim.config({ faults: { script: [{ match: 'POST /rest/api/3/user', kind: 'drop' }] } });
  await assert.rejects(
    sendJira({ method: 'POST', url: `${SITE}/rest/api/3/user`, headers: [...json, ['Authorization', basic]], body: '{"emailAddress":"x@example.com"}' }),
    (err) => err instanceof Error && !err.refused && !err.timeout && /acme\.atlassian\.net/.test(err.message),
  );
  sim.config({ faults: null });
});

test('the shim\'s product proxy keeps Forge\'s rules: no POST /rest/api/3/user for apps, scopes checked', async () => {
  const { default: api, route } = forge.require('@forge/api');
  const res = await api.asApp().requestJira(route`/rest/api/3/user`, { method: 'POST', body: '{"emailAddress":"f@example.com"}' });
  assert.equal(res.status, 403);
  assert.match(JSON.stringify(await res.json()), /OAuth 2.0 is not enabled for method: POST \/rest\/api\/3\/user/);

  const { createAtlassian } = await import('./shim/atlassian.mjs');
  const narrow = createAtlassian({ sim, siteUrl: SITE, scopes: ['read:jira-user'], egress: [], appAccount: DEMO_ADMIN });
  assert.equal((await narrow.requestJira('/rest/api/3/user/search?query=bob')).status, 200);
  assert.equal((await narrow.requestJira('/rest/api/3/group/bulk?groupName=developers')).status, 401);
  assert.equal((await narrow.requestJira('/rest/api/3/myself')).status, 401, 'an endpoint the scope table does not know is refused');
});
