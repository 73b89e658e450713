// The WASM core's own contract, through the JS host: concurrent creates, token isolation,
// dry runs, error shapes, the admin API, and core time per request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, userBody, patch } from './helpers.mjs';
import { UsersyncCore } from '../../../js/core/index.mjs';
import { createMemoryHost } from '../../../js/core/memory-host.mjs';

test('50 concurrent creates of one userName make one user (the JS KV interleaves them)', async () => {
  const env = await setup();
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    env.scim('POST', '/Users', userBody(i % 2 ? 'same@example.com' : 'SAME@example.com'))));
  const statuses = answers.map((a) => a.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','));
  assert.equal(statuses.filter((s) => s === 409).length, 49);
  assert.ok(answers.filter((a) => a.status === 409).every((a) => a.json.scimType === 'uniqueness'));
  assert.equal((await env.scim('GET', '/Users')).json.totalResults, 1);
  await env.settle();
  assert.equal(env.sim.snapshot().users.filter((u) => u.emailAddress.toLowerCase() === 'same@example.com').length, 1);
});

test('a token reaches only its own connection; rotation retires it', async () => {
  const env = await setup();
  const other = await env.core.createConnection({ name: 'other' });
  const id = (await env.scim('POST', '/Users', userBody('alice@example.com'))).json.id;
  const foreign = await env.scim('GET', `/Users/${id}`, undefined, { token: other.token });
  assert.equal(foreign.status, 401);
  assert.match(foreign.headers['WWW-Authenticate'], /^Bearer/);
  const otherPath = await env.core.handle({ method: 'GET', path: `${other.connection.basePath}/Users/${id}`, headers: [['authorization', `Bearer ${other.token}`]] });
  assert.equal(otherPath.status, 404);
  const fresh = await env.core.rotateToken(env.conn.id);
  assert.equal((await env.scim('GET', `/Users/${id}`)).status, 401);
  assert.equal((await env.scim('GET', `/Users/${id}`, undefined, { token: fresh })).status, 200);
});

test('a dry run answers as if done, stores nothing, and says what Jira would be asked first', async () => {
  const env = await setup();
  const before = new Map(env.store.kv);
  const dry = await env.scim('POST', '/Users', userBody('dry@example.com'), { headers: { 'X-Usersync-Dry-Run': 'true' } });
  assert.equal(dry.status, 201);
  assert.deepEqual(new Map(env.store.kv), before);
  assert.equal(dry.dryRun.tasks[0].task, 'syncUser');
  assert.deepEqual(dry.dryRun.jiraCalls.map((c) => c.op.op), ['findUserByEmail', 'createUser']);
  assert.equal(env.sim.requests().total, 0, 'no Jira call was made');
});

test('SCIM errors are responses, admin errors reject with a status', async () => {
  const env = await setup();
  const bad = await env.scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] });
  assert.deepEqual([bad.status, bad.json.scimType], [400, 'invalidValue']);
  const badPatch = await env.scim('PATCH', '/Users/0123456789abcdef', patch([{ op: 'replace', path: 'active', value: false }]));
  assert.equal(badPatch.status, 404);
  await assert.rejects(env.core.getConnection('nope'), (e) => e.status === 404);
  await assert.rejects(env.core.setJiraSettings(env.conn.id, { siteUrl: 'https://169.254.169.254', adminEmail: 'a@b.c', apiToken: 'x' }), (e) => e.status === 400);
  await assert.rejects(env.core.handle({ nope: true }), (e) => e.status === 400);
  const settings = await env.core.getJiraSettings(env.conn.id);
  assert.equal(settings.hasApiToken, true);
  assert.equal(JSON.stringify(settings).includes('sim-api-token'), false, 'secrets never come back');
  const audit = await env.core.queryAudit({ conn: env.conn.id, status: '4xx' });
  assert.ok(audit.entries.length >= 2, JSON.stringify(audit));
});

test('the admin API lists, updates and removes connections', async () => {
  const env = await setup();
  const list = await env.core.listConnections();
  assert.deepEqual(list.map((c) => c.id), [env.conn.id]);
  const updated = await env.core.updateConnection(env.conn.id, { name: 'Okta prod', policies: { deactivation: 'suspend' } });
  assert.equal(updated.name, 'Okta prod');
  assert.equal(updated.policies.deactivation, 'suspend');
  await env.core.removeConnection(env.conn.id);
  assert.deepEqual(await env.core.listConnections(), []);
  assert.equal((await env.scim('GET', '/Users')).status, 401);
});

test('a host that throws surfaces as 503, not a crash', async () => {
  const host = createMemoryHost({ kvFault: (op, key) => (op === 'get' && key.startsWith('tok:') ? new Error('store down') : undefined) });
  const core = new UsersyncCore(host);
  const created = await core.createConnection({ name: 'x' });
  const response = await core.handle({ method: 'GET', path: `${created.connection.basePath}/Users`, headers: { Authorization: `Bearer ${created.token}` } });
  assert.equal(response.status, 503, response.body);
  assert.equal(JSON.parse(response.body).schemas[0], 'urn:ietf:params:scim:api:messages:2.0:Error');
});

test('core time per request: an Okta create and an Entra PATCH (median of 200)', async (t) => {
  const env = await setup();
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const creates = [];
  const ids = [];
  for (let i = 0; i < 200; i++) {
    const body = userBody(`timing${i}@example.com`, { externalId: `00u${i}`, locale: 'en-US', groups: [], password: 'x' });
    const t0 = performance.now();
    const res = await env.scim('POST', '/Users', body);
    creates.push(performance.now() - t0);
    ids.push(res.json.id);
  }
  const patches = [];
  for (const id of ids) {
    const body = patch([{ op: 'Replace', path: 'active', value: 'False' }, { op: 'Add', path: 'title', value: 'Engineer' }]);
    const t0 = performance.now();
    const res = await env.scim('PATCH', `/Users/${id}`, body);
    patches.push(performance.now() - t0);
    assert.equal(res.status, 200);
  }
  const [c, p] = [median(creates), median(patches)];
  // Reported, not asserted: speed is judged by benchmarks, not by a timed test.
  t.diagnostic(`median core time (WASM + in-memory JS KV, no Jira calls): Okta create ${c.toFixed(3)} ms, Entra PATCH ${p.toFixed(3)} ms`);
  assert.equal(ids.filter(Boolean).length, 200);
});
