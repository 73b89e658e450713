// The browser host's pieces that need no browser: the Host object's fetch (only the
// simulator, answers in the core's shapes) and the simulated site kept as seed data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHost } from '../../../js/browser/host.js';
import { openJira, siteToSeed, SIM_URL } from '../../../js/browser/jira.js';
import { createJiraSim } from '../../../js/jira-sim/browser.js';

const ADMIN = `Basic ${btoa('admin@example.com:sim-api-token')}`;

/** The side-record part of the IndexedDB store, in memory. */
function sideStore() {
  const side = new Map();
  return { getSide: async (k) => structuredClone(side.get(k) ?? null), setSide: async (k, v) => { side.set(k, structuredClone(v)); } };
}

const post = (fetchImpl, path, body) => fetchImpl(SIM_URL + path, {
  method: 'POST', headers: { authorization: ADMIN, 'content-type': 'application/json' }, body: JSON.stringify(body),
});

test('fetch reaches the simulator and answers {status, headers: [[name, value]], body}', async () => {
  const jira = await openJira(sideStore());
  const host = createHost({ store: {}, fetch: jira.fetch, allowedOrigin: SIM_URL, log: () => {} });
  const res = await host.fetch({ method: 'GET', url: `${SIM_URL}/rest/api/3/myself`, headers: { authorization: ADMIN } });
  assert.equal(res.status, 200);
  assert.equal(JSON.parse(res.body).emailAddress, 'admin@example.com');
  assert.ok(res.headers.some(([n, v]) => n === 'content-type' && v.startsWith('application/json')));
  const denied = await host.fetch({ method: 'GET', url: `${SIM_URL}/rest/api/3/myself`, headers: {}, body: null });
  assert.equal(denied.status, 401, '4xx is an answer, not an error');
});

test('fetch refuses every origin but the simulator\'s, before sending', async () => {
  let sent = 0;
  const host = createHost({ store: {}, fetch: async () => { sent++; }, allowedOrigin: SIM_URL, log: () => {} });
  await assert.rejects(host.fetch({ method: 'GET', url: 'https://acme.atlassian.net/rest/api/3/myself', headers: {} }),
    (err) => err.refused === true && /only reaches the simulated Jira/.test(err.message));
  assert.equal(sent, 0);
});

test('a dropped connection rejects with an Error naming it (the core\'s Network error)', async () => {
  const sim = createJiraSim({ baseUrl: SIM_URL, faults: { script: [{ match: '*', kind: 'drop' }] } });
  const host = createHost({ store: {}, fetch: sim.fetch, allowedOrigin: SIM_URL, log: () => {} });
  await assert.rejects(host.fetch({ method: 'GET', url: `${SIM_URL}/rest/api/3/myself`, headers: { authorization: ADMIN } }),
    (err) => err instanceof Error && !err.refused && !err.timeout && /no answer from jira-sim\.localhost: UND_ERR_SOCKET/.test(err.message));
});

test('log passes one JSON object per event on', () => {
  const seen = [];
  const host = createHost({ store: {}, fetch: null, allowedOrigin: SIM_URL, log: (level, event) => seen.push([level, event]) });
  host.log('info', '{"event":"drain","done":2}');
  host.log('warn', 'not json');
  assert.deepEqual(seen, [['info', { event: 'drain', done: 2 }], ['warn', { event: 'core', text: 'not json' }]]);
});

test('the site as seed data rebuilds the same site', async () => {
  const sim = createJiraSim({ baseUrl: SIM_URL });
  const user = await (await post(sim.fetch, '/rest/api/3/user', { emailAddress: 'new@example.com', displayName: 'New', products: ['jira-servicedesk'] })).json();
  const group = await (await post(sim.fetch, '/rest/api/3/group', { name: 'Research' })).json();
  await post(sim.fetch, `/rest/api/3/group/user?groupId=${group.groupId}`, { accountId: user.accountId });
  await post(sim.fetch, '/rest/servicedeskapi/customer', { email: 'cust@example.com', displayName: 'Cust' });
  const snap = sim.snapshot();
  assert.deepEqual(snap.groups.find((g) => g.name === 'Research').members, [user.accountId]);
  assert.ok(snap.customers.some((c) => c.emailAddress === 'cust@example.com'));
  const copy = createJiraSim({ baseUrl: SIM_URL, seedData: siteToSeed(sim.state), idSeed: 2 });
  assert.deepEqual(copy.snapshot(), snap);
  assert.equal([...copy.state.users.values()].find((u) => u.emailAddress === 'admin@example.com').apiToken, 'sim-api-token');
});

test('openJira saves after every write and a new page load starts from it, with new ids', async () => {
  const store = sideStore();
  const first = await openJira(store);
  const a = await (await post(first.fetch, '/rest/api/3/user', { emailAddress: 'a@example.com', products: [] })).json();
  const second = await openJira(store);
  assert.ok(second.snapshot().users.some((u) => u.accountId === a.accountId));
  const b = await (await post(second.fetch, '/rest/api/3/user', { emailAddress: 'b@example.com', products: [] })).json();
  assert.notEqual(b.accountId, a.accountId);
  const mark = second.mark();
  await post(second.fetch, '/rest/api/3/user', { emailAddress: 'c@example.com', products: [] });
  assert.deepEqual(second.callsSince(mark).map((c) => `${c.method} ${c.path} ${c.status}`), ['POST /rest/api/3/user 201']);
});
