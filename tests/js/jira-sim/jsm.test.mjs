import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSim, call, ALICE, IDS, BASE } from './helpers.mjs';

const OPT_IN = { 'x-experimentalapi': 'opt-in' };
const desk = (sim, id) => sim.snapshot().serviceDesks.find((d) => d.id === id);

test('POST /servicedeskapi/customer creates a customer account (201, JSM user shape)', async () => {
  const sim = newSim();
  const r = await call(sim, 'POST', '/rest/servicedeskapi/customer', { body: { email: 'dave@customer.example', displayName: 'Dave Customer' } });
  assert.equal(r.status, 201);
  assert.match(r.json.accountId, /^qm:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
  assert.equal(r.json.emailAddress, 'dave@customer.example');
  assert.equal(r.json.displayName, 'Dave Customer');
  assert.equal(r.json.active, true);
  assert.ok(r.json._links.self.startsWith(BASE));
  const u = sim.snapshot().users.find((x) => x.accountId === r.json.accountId);
  assert.equal(u.accountType, 'customer');
  assert.deepEqual(u.products, []);
  assert.ok(sim.snapshot().customers.some((c) => c.accountId === r.json.accountId));
});

test('POST /customer with an email that has an account: 400, or 409 with strictConflictStatusCode=true', async (t) => {
  for (const [name, query, status] of [['default', '', 400], ['strict', '?strictConflictStatusCode=true', 409], ['strict=false', '?strictConflictStatusCode=false', 400]]) {
    await t.test(name, async () => {
      const sim = newSim();
      for (const email of ['carol@customer.example', 'alice@example.com']) {
        const r = await call(sim, 'POST', `/rest/servicedeskapi/customer${query}`, { body: { email, displayName: 'X' } });
        assert.equal(r.status, status);
        assert.deepEqual(Object.keys(r.json).sort(), ['errorMessage', 'i18nErrorMessage']);
        assert.deepEqual(Object.keys(r.json.i18nErrorMessage).sort(), ['i18nKey', 'parameters']);
      }
    });
  }
});

test('POST /customer rejects a missing email or display name, and non-admins', async () => {
  const sim = newSim();
  assert.equal((await call(sim, 'POST', '/rest/servicedeskapi/customer', { body: { displayName: 'X' } })).status, 400);
  assert.equal((await call(sim, 'POST', '/rest/servicedeskapi/customer', { body: { email: 'x@customer.example' } })).status, 400);
  const legacy = await call(sim, 'POST', '/rest/servicedeskapi/customer', { body: { email: 'y@customer.example', fullName: 'Legacy Name' } });
  assert.equal(legacy.status, 201, 'fullName is the deprecated alias of displayName');
  const forbidden = await call(sim, 'POST', '/rest/servicedeskapi/customer', { auth: ALICE, body: { email: 'z@customer.example', displayName: 'Z' } });
  assert.equal(forbidden.status, 403);
  assert.equal(typeof forbidden.json.errorMessage, 'string');
});

test('GET /servicedeskapi/servicedesk: JSM paged list including "Demo service project"', async () => {
  const sim = newSim();
  const r = await call(sim, 'GET', '/rest/servicedeskapi/servicedesk', { auth: ALICE });
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.json).sort(), ['_expands', '_links', 'isLastPage', 'limit', 'size', 'start', 'values']);
  assert.equal(r.json.size, 2);
  assert.equal(r.json.isLastPage, true);
  const demo = r.json.values.find((d) => d.projectName === 'Demo service project');
  assert.deepEqual(Object.keys(demo).sort(), ['_links', 'id', 'projectId', 'projectKey', 'projectName']);
  const first = await call(sim, 'GET', '/rest/servicedeskapi/servicedesk?limit=1');
  assert.equal(first.json.size, 1);
  assert.equal(first.json.isLastPage, false);
  assert.match(first.json._links.next, /start=1/);
});

test('POST /servicedesk/{id}/customer adds accounts (204), by desk id or project key', async () => {
  const sim = newSim();
  const r = await call(sim, 'POST', '/rest/servicedeskapi/servicedesk/2/customer', { body: { accountIds: [IDS.carol, IDS.bob] } });
  assert.equal(r.status, 204);
  assert.equal(r.text, '');
  assert.deepEqual(desk(sim, '2').customers.sort(), [IDS.bob, IDS.carol].sort());
  const again = await call(sim, 'POST', '/rest/servicedeskapi/servicedesk/IT/customer', { body: { accountIds: [IDS.bob] } });
  assert.equal(again.status, 204, 'already a customer: no change, still 204');
});

test('POST /servicedesk/{id}/customer with unknown accounts: 400, but the valid ones are added', async () => {
  const sim = newSim();
  const r = await call(sim, 'POST', '/rest/servicedeskapi/servicedesk/2/customer', { body: { accountIds: ['ghost', IDS.alice] } });
  assert.equal(r.status, 400);
  assert.match(r.json.errorMessage, /ghost/);
  assert.deepEqual(desk(sim, '2').customers, [IDS.alice]);
});

test('POST /servicedesk/{id}/customer: unknown desk 404, bad body 400, non-admin 403', async () => {
  const sim = newSim();
  assert.equal((await call(sim, 'POST', '/rest/servicedeskapi/servicedesk/99/customer', { body: { accountIds: [] } })).status, 404);
  assert.equal((await call(sim, 'POST', '/rest/servicedeskapi/servicedesk/1/customer', { body: { accountIds: 'x' } })).status, 400);
  assert.equal((await call(sim, 'POST', '/rest/servicedeskapi/servicedesk/1/customer', { auth: ALICE, body: { accountIds: [IDS.bob] } })).status, 403);
});

test('GET and DELETE /servicedesk/{id}/customer are experimental: 412 without X-ExperimentalApi: opt-in', async () => {
  const sim = newSim();
  const g = await call(sim, 'GET', '/rest/servicedeskapi/servicedesk/1/customer');
  assert.equal(g.status, 412);
  assert.match(g.json.errorMessage, /X-ExperimentalApi/);
  const d = await call(sim, 'DELETE', '/rest/servicedeskapi/servicedesk/1/customer', { body: { accountIds: [IDS.carol] } });
  assert.equal(d.status, 412);
  assert.deepEqual(desk(sim, '1').customers, [IDS.carol], 'nothing removed');
});

test('GET /servicedesk/{id}/customer lists customers (paged, query filter)', async () => {
  const sim = newSim();
  await call(sim, 'POST', '/rest/servicedeskapi/servicedesk/1/customer', { body: { accountIds: [IDS.bob] } });
  const r = await call(sim, 'GET', '/rest/servicedeskapi/servicedesk/1/customer', { headers: OPT_IN });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.values.map((u) => u.displayName), ['Bob Brown', 'Carol Customer']);
  const q = await call(sim, 'GET', '/rest/servicedeskapi/servicedesk/1/customer?query=carol', { headers: OPT_IN });
  assert.deepEqual(q.json.values.map((u) => u.accountId), [IDS.carol]);
  const page = await call(sim, 'GET', '/rest/servicedeskapi/servicedesk/1/customer?limit=1', { headers: OPT_IN });
  assert.equal(page.json.isLastPage, false);
});

test('DELETE /servicedesk/{id}/customer removes customers (204); unknown accounts 400', async () => {
  const sim = newSim();
  const r = await call(sim, 'DELETE', '/rest/servicedeskapi/servicedesk/1/customer', { headers: OPT_IN, body: { accountIds: [IDS.carol] } });
  assert.equal(r.status, 204);
  assert.deepEqual(desk(sim, '1').customers, []);
  const bad = await call(sim, 'DELETE', '/rest/servicedeskapi/servicedesk/1/customer', { headers: OPT_IN, body: { accountIds: ['ghost'] } });
  assert.equal(bad.status, 400);
});
