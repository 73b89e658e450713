// Okta's SCIM 2.0 lifecycle end to end: the built WASM core, an in-memory KV, the Jira
// simulator. Each step checks the SCIM answer and what Jira looks like after the drain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, userBody, patch, GROUP, total } from './helpers.mjs';

test('Okta 2.0: probe, create, update, deactivate, reactivate, group push, members, rename, delete', async (t) => {
  const env = await setup({ connection: { idp: 'okta', policies: { groupDelete: 'delete', products: ['jira-software'] } } });
  const perOp = {};
  const step = async (name, fn) => {
    env.mark();
    const result = await fn();
    await env.settle();
    perOp[name] = env.calls();
    return result;
  };

  await t.test('test-credentials probe', async () => {
    const probe = await env.scim('GET', '/Users?filter=userName%20eq%20%22probe-1f3a%40example.com%22&startIndex=1&count=1');
    assert.equal(probe.status, 200);
    assert.equal(probe.json.totalResults, 0);
    assert.match(probe.headers['Content-Type'], /^application\/scim\+json/);
  });

  const email = 'katherine.johnson@example.com';
  let userId;
  await t.test('create: a new Jira account with the configured product', async () => {
    const created = await step('create user', () => env.scim('POST', '/Users', userBody(email, { externalId: '00u4de5fg6' })));
    assert.equal(created.status, 201, created.body);
    userId = created.json.id;
    assert.equal(created.headers.Location, `https://usersync.test/scim/${env.conn.id}/v2/Users/${userId}`);
    const jira = env.jiraUser(email);
    assert.ok(jira, 'account created in Jira');
    assert.deepEqual(jira.products, ['jira-software']);
    assert.ok(total(perOp['create user']) <= 3, JSON.stringify(perOp['create user']));
  });

  await t.test('lookup by userName, as Okta does before it pushes', async () => {
    const found = await env.scim('GET', `/Users?filter=userName%20eq%20%22${encodeURIComponent(email.toUpperCase())}%22`);
    assert.equal(found.json.totalResults, 1);
    assert.equal(found.json.Resources[0].id, userId);
  });

  await t.test('update that Jira does not hold makes no Jira call', async () => {
    const put = await step('update title', () => env.scim('PUT', `/Users/${userId}`, userBody(email, { title: 'Mathematician' })));
    assert.equal(put.status, 200);
    assert.equal(put.json.title, 'Mathematician');
    assert.deepEqual(perOp['update title'], {});
  });

  await t.test('deactivate removes product access; reactivate restores it', async () => {
    const off = await step('deactivate', () => env.scim('PATCH', `/Users/${userId}`, patch([{ op: 'replace', value: { active: false } }])));
    assert.equal(off.status, 200);
    assert.equal(off.json.active, false);
    assert.deepEqual(env.jiraUser(email).products, []);
    const on = await step('reactivate', () => env.scim('PATCH', `/Users/${userId}`, patch([{ op: 'replace', value: { active: true } }])));
    assert.equal(on.json.active, true);
    assert.deepEqual(env.jiraUser(email).products, ['jira-software']);
  });

  let groupId;
  await t.test('group push, member add and remove', async () => {
    const group = await step('create group', () => env.scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Engineering', members: [] }));
    assert.equal(group.status, 201, group.body);
    groupId = group.json.id;
    assert.ok(env.jiraGroup('Engineering'), 'group created in Jira');
    const accountId = env.jiraUser(email).accountId;
    const add = await step('add member', () => env.scim('PATCH', `/Groups/${groupId}`, patch([{ op: 'add', path: 'members', value: [{ value: userId, display: email }] }])));
    assert.equal(add.status, 204);
    assert.ok(env.jiraGroup('Engineering').members.includes(accountId));
    assert.equal(total(perOp['add member']), 1, JSON.stringify(perOp['add member']));
    const remove = await step('remove member', () => env.scim('PATCH', `/Groups/${groupId}`, patch([{ op: 'remove', path: `members[value eq "${userId}"]` }])));
    assert.equal(remove.status, 204);
    assert.ok(!env.jiraGroup('Engineering').members.includes(accountId));
    assert.equal(total(perOp['remove member']), 1, JSON.stringify(perOp['remove member']));
  });

  await t.test('rename recreates the Jira group with its members; delete removes it', async () => {
    await env.scim('PATCH', `/Groups/${groupId}`, patch([{ op: 'add', path: 'members', value: [{ value: userId }] }]));
    await env.settle();
    const renamed = await step('rename group', () => env.scim('PATCH', `/Groups/${groupId}`, patch([{ op: 'replace', value: { id: groupId, displayName: 'Engineering Team' } }])));
    assert.equal(renamed.status, 204);
    assert.equal(env.jiraGroup('Engineering'), undefined);
    assert.ok(env.jiraGroup('Engineering Team').members.includes(env.jiraUser(email).accountId));
    const deleted = await step('delete group', () => env.scim('DELETE', `/Groups/${groupId}`));
    assert.equal(deleted.status, 204);
    assert.equal(env.jiraGroup('Engineering Team'), undefined);
  });

  await t.test('user delete deactivates per policy and frees the userName', async () => {
    const gone = await step('delete user', () => env.scim('DELETE', `/Users/${userId}`));
    assert.equal(gone.status, 204);
    assert.deepEqual(env.jiraUser(email).products, []);
    assert.equal((await env.scim('GET', `/Users/${userId}`)).status, 404);
  });

  const dead = await env.core.listDeadLetters(env.conn.id);
  assert.deepEqual(dead.entries, []);
  t.diagnostic(`Jira calls per SCIM operation: ${JSON.stringify(perOp)}`);
});
