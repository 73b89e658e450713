import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSim, call, IDS, ORG_KEY, ORG_KEY_READONLY, ADMIN, userOf } from './helpers.mjs';
import { DEMO_SEED } from '../../../js/jira-sim/index.js';

const { orgId, directoryId } = DEMO_SEED.org;
const v2 = (acc, action, org = orgId, dir = directoryId) => `/admin/v2/orgs/${org}/directories/${dir}/users/${encodeURIComponent(acc)}/${action}`;
const v1 = (acc, action) => `/admin/v1/orgs/${orgId}/directory/users/${encodeURIComponent(acc)}/${action}`;

test('v2 suspend: the user loses product access and shows active: false; restore gives it back', async () => {
  const sim = newSim();
  const s = await call(sim, 'POST', v2(IDS.bob, 'suspend'), { auth: ORG_KEY });
  assert.equal(s.status, 200);
  assert.equal(typeof s.json.message, 'string');
  let bob = userOf(sim, 'bob@example.com');
  assert.equal(bob.active, false);
  assert.deepEqual(bob.products, []);
  assert.ok(bob.groups.includes('developers'), 'group memberships are kept');
  assert.ok(sim.snapshot().suspended.includes(IDS.bob));
  const seen = await call(sim, 'GET', `/rest/api/3/user?accountId=${IDS.bob}&expand=applicationRoles`);
  assert.equal(seen.json.active, false);
  assert.equal(seen.json.applicationRoles.size, 0);
  const search = await call(sim, 'GET', '/rest/api/3/user/search?query=bob');
  assert.deepEqual(search.json, [], 'inactive users are not found');

  const r = await call(sim, 'POST', v2(IDS.bob, 'restore'), { auth: ORG_KEY });
  assert.equal(r.status, 200);
  bob = userOf(sim, 'bob@example.com');
  assert.equal(bob.active, true);
  assert.deepEqual(bob.products.sort(), ['jira-servicedesk', 'jira-software']);
});

test('v1 suspend-access / restore-access paths behave the same', async () => {
  const sim = newSim();
  assert.equal((await call(sim, 'POST', v1(IDS.alice, 'suspend-access'), { auth: ORG_KEY })).status, 200);
  assert.equal(userOf(sim, 'alice@example.com').active, false);
  assert.equal((await call(sim, 'POST', v1(IDS.alice, 'restore-access'), { auth: ORG_KEY })).status, 200);
  assert.equal(userOf(sim, 'alice@example.com').active, true);
});

test('a suspended user cannot use their API token (401)', async () => {
  const sim = newSim();
  await call(sim, 'POST', v2(IDS.alice, 'suspend'), { auth: ORG_KEY });
  const r = await call(sim, 'GET', '/rest/api/3/myself', { auth: `Basic ${Buffer.from('alice@example.com:alice-api-token').toString('base64')}` });
  assert.equal(r.status, 401);
});

test('admin API errors: 401 bad key, 403 read-only key or other org, 404 unknown user or directory', async (t) => {
  const rows = [
    ['no key', v2(IDS.bob, 'suspend'), undefined, 401],
    ['wrong key', v2(IDS.bob, 'suspend'), 'Bearer nope', 401],
    ['site credentials are not an org key', v2(IDS.bob, 'suspend'), ADMIN, 401],
    ['read-only key', v2(IDS.bob, 'suspend'), ORG_KEY_READONLY, 403],
    ['another org', v2(IDS.bob, 'suspend', 'other-org'), ORG_KEY, 403],
    ['unknown directory', v2(IDS.bob, 'suspend', orgId, 'nodir'), ORG_KEY, 404],
    ['unknown account', v2('nobody', 'suspend'), ORG_KEY, 404],
    ['JSM customer (not in the directory)', v2(IDS.carol, 'suspend'), ORG_KEY, 404],
  ];
  for (const [name, path, auth, status] of rows) {
    await t.test(name, async () => {
      const sim = newSim();
      const r = await call(sim, 'POST', path, { auth: auth ?? null });
      assert.equal(r.status, status);
      assert.equal(r.json.errors[0].status, String(status));
      assert.equal(typeof r.json.errors[0].detail, 'string');
      assert.equal(userOf(sim, 'bob@example.com').active, true);
    });
  }
  await t.test('v1 errors are {code, message}', async () => {
    const sim = newSim();
    const r = await call(sim, 'POST', v1(IDS.bob, 'suspend-access'), { auth: 'Bearer nope' });
    assert.equal(r.status, 401);
    assert.deepEqual(Object.keys(r.json).sort(), ['code', 'message']);
  });
});

test('GET /admin/v2/orgs/{orgId}/directories lists the directory', async () => {
  const sim = newSim();
  const r = await call(sim, 'GET', `/admin/v2/orgs/${orgId}/directories`, { auth: ORG_KEY_READONLY });
  assert.equal(r.status, 200);
  assert.equal(r.json.data[0].directoryId, directoryId);
});
