// Okta's SCIM 1.1 apps end to end: the same service behind the 1.1 translation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './helpers.mjs';

const V1 = 'urn:scim:schemas:core:1.0';
const user = (userName, extra = {}) => ({
  schemas: [V1], userName, name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ primary: true, value: userName, type: 'work' }], active: true, password: 'pw', groups: [], ...extra,
});

test('Okta 1.1: probe, create, PUT deactivate/reactivate, groups with 1.1 PATCH, rename, delete', async () => {
  const env = await setup({ connection: { idp: 'okta', scim: '1.1', policies: { groupDelete: 'delete', products: ['jira-software'] } } });
  assert.equal(env.conn.basePath, `/${env.conn.id}/v1`);
  const configs = await env.scim('GET', '/ServiceProviderConfigs');
  assert.equal(configs.status, 200);
  assert.deepEqual(configs.json.schemas, [V1]);
  const probe = await env.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "probe@example.com"')}&startIndex=1&count=100`);
  assert.deepEqual([probe.status, probe.json.totalResults, probe.json.schemas], [200, 0, [V1]]);

  const email = 'ada@example.com';
  const created = await env.scim('POST', '/Users', user(email));
  assert.equal(created.status, 201, created.body);
  assert.deepEqual(created.json.schemas, [V1]);
  assert.match(created.headers['Content-Type'], /^application\/json/);
  const id = created.json.id;
  await env.settle();
  assert.deepEqual(env.jiraUser(email).products, ['jira-software']);

  const off = await env.scim('PUT', `/Users/${id}`, user(email, { id, active: false }));
  assert.equal(off.json.active, false);
  await env.settle();
  assert.deepEqual(env.jiraUser(email).products, []);
  const on = await env.scim('PUT', `/Users/${id}`, user(email, { id, active: true }));
  assert.equal(on.json.active, true);
  await env.settle();
  assert.deepEqual(env.jiraUser(email).products, ['jira-software']);

  const group = await env.scim('POST', '/Groups', { schemas: [V1], displayName: 'Difference Engines' });
  assert.equal(group.status, 201, group.body);
  const gid = group.json.id;
  const added = await env.scim('PATCH', `/Groups/${gid}`, { schemas: [V1], members: [{ value: id, display: email }] });
  assert.equal(added.status, 200, added.body);
  assert.deepEqual(added.json.members.map((m) => m.value), [id]);
  await env.settle();
  const account = env.jiraUser(email).accountId;
  assert.deepEqual(env.jiraGroup('Difference Engines').members, [account]);

  const renamed = await env.scim('PATCH', `/Groups/${gid}`, { schemas: [V1], id: gid, displayName: 'Analytical Engines' });
  assert.equal(renamed.status, 200);
  await env.settle();
  assert.deepEqual(env.jiraGroup('Analytical Engines').members, [account]);
  const removed = await env.scim('PATCH', `/Groups/${gid}`, { schemas: [V1], members: [{ value: id, operation: 'delete' }] });
  assert.deepEqual(removed.json.members ?? [], []);
  await env.settle();
  assert.deepEqual(env.jiraGroup('Analytical Engines').members, []);

  // SCIM 1.1 §3.4: a DELETE answers 200 OK with no body (2.0 answers 204).
  const deleted = await env.scim('DELETE', `/Groups/${gid}`);
  assert.deepEqual([deleted.status, deleted.body], [200, '']);
  await env.settle();
  assert.equal(env.jiraGroup('Analytical Engines'), undefined);
  const missing = await env.scim('GET', `/Users/nope`);
  assert.deepEqual([missing.status, missing.json.Errors[0].code], [404, '404']);
  assert.deepEqual((await env.core.listDeadLetters(env.conn.id)).entries, []);
});
