// Microsoft Entra ID's provisioning lifecycle end to end, with its quirks: capitalised
// ops, "False" as a string, members removed by value list, the group rename PATCH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, patch, GROUP } from './helpers.mjs';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

test('Entra: probe, create, disable, enable, group, add/remove members, rename, delete', async (t) => {
  const env = await setup({ connection: { idp: 'entra', policies: { products: ['jira-software'] } } });
  const probe = await env.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "3c9a0f7e-5b21-4d8c-9e64-0f1a2b3c4d5e"')}`);
  assert.equal(probe.status, 200);
  assert.equal(probe.json.totalResults, 0);

  const people = ['nkechi.okafor', 'kim.reyes'].map((n) => `${n}@contoso.example`);
  const ids = [];
  for (const email of people) {
    const created = await env.scim('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      externalId: crypto.randomUUID(), userName: email.replace('@', '_upn@'), active: true,
      emails: [{ primary: true, type: 'work', value: email }],
      meta: { resourceType: 'User' }, name: { formatted: 'N O', familyName: 'O', givenName: 'N' }, roles: [],
      [ENTERPRISE]: { department: 'Treasury' },
    });
    assert.equal(created.status, 201, created.body);
    ids.push(created.json.id);
  }
  await env.settle();
  for (const email of people) assert.deepEqual(env.jiraUser(email)?.products, ['jira-software'], email);

  env.mark();
  const disabled = await env.scim('PATCH', `/Users/${ids[0]}`, patch([{ op: 'Replace', path: 'active', value: 'False' }]));
  assert.equal(disabled.status, 200, disabled.body);
  assert.equal(disabled.json.active, false);
  await env.settle();
  assert.deepEqual(env.jiraUser(people[0]).products, []);
  t.diagnostic(`Entra disable: ${JSON.stringify(env.calls())}`);
  const enabled = await env.scim('PATCH', `/Users/${ids[0]}`, patch([{ op: 'Replace', path: 'active', value: 'True' }]));
  assert.equal(enabled.json.active, true);
  await env.settle();
  assert.deepEqual(env.jiraUser(people[0]).products, ['jira-software']);

  const group = await env.scim('POST', '/Groups', {
    schemas: [GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
    externalId: crypto.randomUUID(), displayName: 'Treasury', meta: { resourceType: 'Group' },
  });
  assert.equal(group.status, 201, group.body);
  const gid = group.json.id;
  const byName = await env.scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Treasury"')}&excludedAttributes=members`);
  assert.equal(byName.json.Resources[0].id, gid);
  assert.equal(byName.json.Resources[0].members, undefined);

  const add = await env.scim('PATCH', `/Groups/${gid}`, patch([{ op: 'Add', path: 'members', value: ids.map((value) => ({ $ref: null, value })) }]));
  assert.equal(add.status, 204, add.body);
  await env.settle();
  const accounts = people.map((e) => env.jiraUser(e).accountId);
  assert.deepEqual([...env.jiraGroup('Treasury').members].sort(), [...accounts].sort());

  const remove = await env.scim('PATCH', `/Groups/${gid}`, patch([{ op: 'Remove', path: 'members', value: [{ $ref: null, value: ids[1] }] }]));
  assert.equal(remove.status, 204);
  await env.settle();
  assert.deepEqual(env.jiraGroup('Treasury').members, [accounts[0]]);

  const renamed = await env.scim('PATCH', `/Groups/${gid}`, patch([{ op: 'Replace', path: 'displayName', value: 'Treasury (EMEA)' }]));
  assert.equal(renamed.status, 204);
  await env.settle();
  assert.deepEqual(env.jiraGroup('Treasury (EMEA)')?.members, [accounts[0]]);

  assert.equal((await env.scim('DELETE', `/Users/${ids[1]}`)).status, 204);
  await env.settle();
  assert.deepEqual(env.jiraUser(people[1]).products, []);
  assert.deepEqual((await env.core.listDeadLetters(env.conn.id)).entries, []);
});
