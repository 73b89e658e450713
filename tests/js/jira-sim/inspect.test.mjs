import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSim, call, IDS, ORG_KEY } from './helpers.mjs';
import { DEMO_SEED } from '../../../js/jira-sim/index.js';

test('GET /__sim/state: users, groups with members, customers, desk customers, suspended', async () => {
  const sim = newSim();
  const { json, status } = await call(sim, 'GET', '/__sim/state', { auth: null });
  assert.equal(status, 200);
  assert.deepEqual(Object.keys(json).sort(), ['customers', 'groups', 'org', 'serviceDesks', 'suspended', 'users']);
  const bob = json.users.find((u) => u.accountId === IDS.bob);
  assert.deepEqual(bob, {
    accountId: IDS.bob, accountType: 'atlassian', emailAddress: 'bob@example.com', displayName: 'Bob Brown',
    active: true, suspended: false, products: ['jira-software', 'jira-servicedesk'],
    groups: ['jira-software-users', 'jira-servicemanagement-users', 'developers'], siteAdmin: false,
  });
  assert.deepEqual(json.groups.find((g) => g.name === 'developers').members, [IDS.alice, IDS.bob]);
  assert.deepEqual(json.customers.map((c) => c.accountId), [IDS.carol]);
  assert.deepEqual(json.serviceDesks.find((d) => d.projectName === 'Demo service project').customers, [IDS.carol]);
  assert.deepEqual(json.suspended, [IDS.dana]);
});

test('GET /__sim/requests counts Jira calls per endpoint; ?since= gives the tail; DELETE clears', async () => {
  const sim = newSim();
  await call(sim, 'GET', '/rest/api/3/myself');
  await call(sim, 'GET', `/rest/api/3/user?accountId=${IDS.bob}`);
  await call(sim, 'GET', `/rest/api/3/user?accountId=${IDS.alice}`);
  await call(sim, 'GET', '/__sim/state');
  const log = (await call(sim, 'GET', '/__sim/requests')).json;
  assert.equal(log.total, 3, '/__sim calls are not counted');
  assert.deepEqual(log.counts, { 'GET /rest/api/3/myself': 1, 'GET /rest/api/3/user': 2 });
  assert.deepEqual(log.requests.map((r) => r.status), [200, 200, 200]);
  assert.equal(log.requests[1].query, `accountId=${IDS.bob}`);
  const tail = (await call(sim, 'GET', `/__sim/requests?since=${log.requests[1].seq}`)).json;
  assert.equal(tail.requests.length, 1);
  assert.equal((await call(sim, 'DELETE', '/__sim/requests')).status, 200);
  const empty = (await call(sim, 'GET', '/__sim/requests')).json;
  assert.deepEqual([empty.total, empty.requests.length, empty.counts], [0, 0, {}]);
});

test('POST /__sim/reset restores the seed, forgets the log, and replays the same generated ids', async () => {
  const sim = newSim();
  const first = await call(sim, 'POST', '/rest/api/3/user', { body: { emailAddress: 'r@example.com', products: [] } });
  await call(sim, 'POST', `/admin/v2/orgs/${DEMO_SEED.org.orgId}/directories/${DEMO_SEED.org.directoryId}/users/${IDS.bob}/suspend`, { auth: ORG_KEY });
  const r = await call(sim, 'POST', '/__sim/reset');
  assert.equal(r.status, 200);
  const state = sim.snapshot();
  assert.equal(state.users.length, 5);
  assert.deepEqual(state.suspended, [IDS.dana]);
  assert.equal(sim.requests().total, 0);
  const again = await call(sim, 'POST', '/rest/api/3/user', { body: { emailAddress: 'r@example.com', products: [] } });
  assert.equal(again.json.accountId, first.json.accountId);
});

test('POST /__sim/config replaces seed data; GET shows the config; bad input is a 400', async () => {
  const sim = newSim();
  const seedData = {
    org: DEMO_SEED.org, groups: ['site-admins', 'jira-software-users'],
    users: [{ email: 'admin@example.com', apiToken: 'sim-api-token', siteAdmin: true }],
    serviceDesks: [{ id: '5', projectKey: 'HELP', projectName: 'Help', customers: [] }],
  };
  assert.equal((await call(sim, 'POST', '/__sim/config', { body: { seedData } })).status, 200);
  const state = sim.snapshot();
  assert.equal(state.users.length, 1);
  assert.deepEqual(state.serviceDesks.map((d) => d.projectKey), ['HELP']);
  const cfg = (await call(sim, 'GET', '/__sim/config')).json;
  assert.deepEqual(Object.keys(cfg).sort(), ['faults', 'idSeed', 'logLimit', 'rateLimits']);
  assert.equal((await call(sim, 'POST', '/__sim/config', { body: '[1]' })).status, 400);
  assert.equal((await call(sim, 'GET', '/__sim/nope')).status, 404);
  await call(sim, 'POST', '/__sim/reset');
  assert.equal(sim.snapshot().users.length, 5, 'reset goes back to the options given at creation');
});

test('inconsistent seed data is refused with a 400 naming the problem, and the state stays', async (t) => {
  const rows = [
    ['unknown group', { groups: [], users: [{ email: 'a@x.example', groups: ['ghosts'] }] }, /unknown group 'ghosts'/],
    ['duplicate email', { groups: [], users: [{ email: 'a@x.example' }, { email: 'A@x.example' }] }, /appears twice/],
    ['unknown product', { groups: [], users: [{ email: 'a@x.example', products: ['bamboo'] }] }, /unknown product/],
    ['unknown desk customer', { serviceDesks: [{ id: 1, projectKey: 'K', customers: ['nobody@x.example'] }] }, /unknown customer/],
  ];
  for (const [name, seedData, message] of rows) {
    await t.test(name, async () => {
      const sim = newSim();
      const r = await call(sim, 'POST', '/__sim/config', { body: { seedData } });
      assert.equal(r.status, 400);
      assert.match(r.json.error, message);
      assert.equal(sim.snapshot().users.length, 5);
    });
  }
});

test('the request log keeps request bodies, to check what a client sent', async () => {
  const sim = newSim();
  await call(sim, 'POST', '/rest/api/3/group', { body: { name: 'logged' } });
  const [entry] = sim.requests().requests;
  assert.deepEqual(JSON.parse(entry.body), { name: 'logged' });
  assert.equal(entry.status, 201);
});
