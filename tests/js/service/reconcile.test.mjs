// Reconcile through the WASM core's admin API: drift made behind usersync's back in the
// simulated Jira is reported, repair queues the fixes, and after a drain Jira matches again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_ADMIN } from '../../../js/jira-sim/index.js';
import { ADMIN_METHODS } from '../../../js/core/admin-methods.mjs';
import { setup, userBody, GROUP, SIM_URL } from './helpers.mjs';

const reconcile = (env, repair) => ADMIN_METHODS.reconcile(env.core, { id: env.conn.id, repair });

test('reconcile reports a member removed in Jira, repair puts it back', async () => {
  const env = await setup({ connection: { idp: 'okta' } });
  const email = 'grace.hopper@example.com';
  const user = await env.scim('POST', '/Users', userBody(email));
  assert.equal(user.status, 201, user.body);
  const group = await env.scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Compilers', members: [{ value: user.json.id }] });
  assert.equal(group.status, 201, group.body);
  await env.settle();

  const clean = await reconcile(env, false);
  assert.deepEqual(clean.drift, [], JSON.stringify(clean.drift));
  assert.equal(clean.complete, true);
  assert.equal(clean.repaired, 0);

  // Someone removes the member in Jira directly.
  const { groupId } = env.jiraGroup('Compilers');
  const { accountId } = env.jiraUser(email);
  const auth = `Basic ${Buffer.from(`${DEMO_ADMIN.email}:${DEMO_ADMIN.apiToken}`).toString('base64')}`;
  const removed = await env.sim.fetch(`${SIM_URL}/rest/api/3/group/user?groupId=${groupId}&accountId=${accountId}`, { method: 'DELETE', headers: { Authorization: auth } });
  assert.equal(removed.status, 200);

  const found = await reconcile(env, false);
  assert.deepEqual(found.drift.map((d) => d.kind), ['memberMissing']);
  assert.equal(found.repaired, 0, 'a check alone queues nothing');

  const repaired = await reconcile(env, true);
  assert.equal(repaired.repaired, 1);
  await env.settle();
  assert.ok(env.jiraGroup('Compilers').members.some((m) => (m.accountId ?? m) === accountId), JSON.stringify(env.jiraGroup('Compilers')));
  assert.deepEqual((await reconcile(env, false)).drift, []);
});

test('reconcile of an unknown connection rejects with 404', async () => {
  const env = await setup();
  await assert.rejects(ADMIN_METHODS.reconcile(env.core, { id: 'nope' }), (err) => err.status === 404);
});

test('reconcile finds a deactivated user given product access again in Jira; repair takes it away', async () => {
  const env = await setup({ connection: { idp: 'okta' } });
  const email = 'ada.lovelace@example.com';
  const user = await env.scim('POST', '/Users', userBody(email));
  assert.equal(user.status, 201, user.body);
  await env.settle();
  const off = await env.scim('PATCH', `/Users/${user.json.id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }],
  });
  assert.equal(off.status, 200, off.body);
  await env.settle();
  const { accountId } = env.jiraUser(email);
  const inAccessGroup = () => env.jiraGroup('jira-software-users').members.some((m) => (m.accountId ?? m) === accountId);
  assert.equal(inAccessGroup(), false, 'deactivation took the product away');
  assert.deepEqual((await reconcile(env, false)).drift, []);

  // Someone adds her back to the product-access group in Jira.
  const auth = `Basic ${Buffer.from(`${DEMO_ADMIN.email}:${DEMO_ADMIN.apiToken}`).toString('base64')}`;
  const added = await env.sim.fetch(`${SIM_URL}/rest/api/3/group/user?groupname=jira-software-users`, {
    method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ accountId }),
  });
  assert.equal(added.status, 201, await added.text());
  assert.equal(inAccessGroup(), true);

  const found = await reconcile(env, false);
  assert.deepEqual(found.drift, [{ kind: 'accessKept', user: user.json.id, accountId, jiraGroups: ['jira-software-users'] }]);
  assert.equal((await reconcile(env, true)).repaired, 1);
  await env.settle();
  assert.equal(inAccessGroup(), false, 'repair took it away again');
  assert.deepEqual((await reconcile(env, false)).drift, []);
});
