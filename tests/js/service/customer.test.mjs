// Customer Sync: IdP users become JSM customers, and membership of a mapped IdP group is
// portal access to its service desk (the seed's "Jira-Service-group" → "Demo service project").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, userBody, patch, GROUP } from './helpers.mjs';

test('Customer Sync: customers created, desk access follows group membership', async () => {
  const env = await setup({
    connection: {
      idp: 'okta', mode: 'customer',
      policies: { groupMappings: [{ idpGroup: 'Jira-Service-group', serviceDesks: ['1'] }] },
    },
  });
  const desk = () => env.sim.snapshot().serviceDesks.find((d) => d.id === '1' || d.id === 1);
  const emails = ['grace@customer.example', 'hedy@customer.example'];
  const ids = [];
  for (const email of emails) {
    const created = await env.scim('POST', '/Users', userBody(email));
    assert.equal(created.status, 201, created.body);
    ids.push(created.json.id);
  }
  await env.settle();
  const customers = env.sim.snapshot().customers.map((c) => c.emailAddress);
  for (const email of emails) assert.ok(customers.includes(email), `${email} is a JSM customer`);

  const group = await env.scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Jira-Service-group', members: ids.map((value) => ({ value })) });
  assert.equal(group.status, 201, group.body);
  env.mark();
  await env.settle();
  const accountOf = (email) => env.sim.snapshot().customers.find((c) => c.emailAddress === email).accountId;
  for (const email of emails) assert.ok(desk().customers.includes(accountOf(email)), `${email} has portal access`);
  const calls = env.calls();
  const grants = Object.entries(calls).filter(([endpoint]) => endpoint.startsWith('POST') && endpoint.endsWith('/customer'));
  assert.deepEqual(grants.map(([, n]) => n), [1], `one batched grant for both users: ${JSON.stringify(calls)}`);

  const removed = await env.scim('PATCH', `/Groups/${group.json.id}`, patch([{ op: 'remove', path: `members[value eq "${ids[1]}"]` }]));
  assert.equal(removed.status, 204);
  await env.settle();
  assert.ok(desk().customers.includes(accountOf(emails[0])));
  assert.ok(!desk().customers.includes(accountOf(emails[1])), 'access revoked with the membership');

  // A group with no mapping grants nothing.
  const other = await env.scim('POST', '/Groups', { schemas: [GROUP], displayName: 'Unmapped', members: [{ value: ids[1] }] });
  assert.equal(other.status, 201);
  await env.settle();
  assert.ok(!desk().customers.includes(accountOf(emails[1])));
  assert.deepEqual((await env.core.listDeadLetters(env.conn.id)).entries, []);
});
