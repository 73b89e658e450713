import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSim, call, ORG_KEY } from './helpers.mjs';
import { DEMO_SEED } from '../../../js/jira-sim/index.js';

const GET_ME = ['GET', '/rest/api/3/myself'];

test('rate limiting is off by default: no headers, no 429', async () => {
  const sim = newSim();
  for (let i = 0; i < 50; i += 1) {
    const r = await call(sim, ...GET_ME);
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-ratelimit-limit'], undefined);
  }
});

test('endpoint budget: headers on every answer, NearLimit under 20 %, then 429 jira-burst-based', async () => {
  const sim = newSim({ rateLimits: { enabled: true, tenant: { limit: 1000, windowMs: 1000 }, endpoint: { limit: 10, windowMs: 1000 } } });
  const seen = [];
  for (let i = 0; i < 10; i += 1) {
    const r = await call(sim, ...GET_ME);
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-ratelimit-limit'], '10');
    seen.push([r.headers['x-ratelimit-remaining'], r.headers['x-ratelimit-nearlimit']]);
  }
  assert.deepEqual(seen.map(([rem]) => rem), ['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
  assert.deepEqual(seen.map(([, near]) => near ?? '-'), ['-', '-', '-', '-', '-', '-', '-', '-', 'true', 'true']);
  sim.clock.advance(250);
  const limited = await call(sim, ...GET_ME);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers['retry-after'], '1');
  assert.equal(limited.headers['x-ratelimit-limit'], '10');
  assert.equal(limited.headers['x-ratelimit-remaining'], '0');
  assert.equal(limited.headers['ratelimit-reason'], 'jira-burst-based');
  assert.match(limited.headers['x-ratelimit-reset'], /^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
  assert.equal(limited.headers['x-ratelimit-reset'], new Date(sim.clock.now() + 1000).toISOString().slice(0, 16) + 'Z');
  assert.ok(Array.isArray(limited.json.errorMessages));
  const other = await call(sim, 'GET', '/rest/api/3/users/search');
  assert.equal(other.status, 200, 'budgets are per endpoint');
  sim.clock.advance(750);
  assert.equal((await call(sim, ...GET_ME)).status, 200, 'the next window has a fresh budget');
});

test('tenant budget spans all endpoints: 429 jira-quota-tenant-based, Retry-After to the window end', async () => {
  const sim = newSim({ rateLimits: { enabled: true, tenant: { limit: 3, windowMs: 10000 }, endpoint: { limit: 100, windowMs: 1000 } } });
  assert.equal((await call(sim, 'GET', '/rest/api/3/myself')).status, 200);
  assert.equal((await call(sim, 'GET', '/rest/api/3/users/search')).status, 200);
  assert.equal((await call(sim, 'GET', '/rest/servicedeskapi/servicedesk')).status, 200);
  sim.clock.advance(2500);
  const r = await call(sim, 'GET', '/rest/api/3/group/bulk');
  assert.equal(r.status, 429);
  assert.equal(r.headers['ratelimit-reason'], 'jira-quota-tenant-based');
  assert.equal(r.headers['retry-after'], String(Math.ceil((10000 - (sim.clock.now() % 10000)) / 1000)));
  const jsm = await call(sim, 'GET', '/rest/servicedeskapi/servicedesk');
  assert.equal(jsm.status, 429);
  assert.ok(jsm.json.errorMessage, 'JSM error shape');
  const { orgId } = DEMO_SEED.org;
  const admin = await call(sim, 'GET', `/admin/v2/orgs/${orgId}/directories`, { auth: ORG_KEY });
  assert.equal(admin.status, 200, 'the org admin API is another tenant');
});

test('per-class and per-endpoint budgets override the default', async () => {
  const sim = newSim({ rateLimits: { enabled: true, classes: { 'users-write': { limit: 1 }, 'GET /rest/api/3/myself': { limit: 2 } } } });
  const body = (i) => ({ body: { emailAddress: `rl${i}@example.com`, products: [] } });
  assert.equal((await call(sim, 'POST', '/rest/api/3/user', body(1))).status, 201);
  assert.equal((await call(sim, 'DELETE', '/rest/api/3/user?accountId=x')).status, 429, 'same class, shared budget');
  assert.equal((await call(sim, ...GET_ME)).status, 200);
  assert.equal((await call(sim, ...GET_ME)).status, 200);
  assert.equal((await call(sim, ...GET_ME)).status, 429);
});

test('rate limits can be changed at run time through /__sim/config', async () => {
  const sim = newSim();
  const set = await call(sim, 'POST', '/__sim/config', { body: { rateLimits: { enabled: true, endpoint: { limit: 1, windowMs: 60000 } } } });
  assert.equal(set.status, 200);
  assert.equal(set.json.rateLimits.endpoint.limit, 1);
  assert.equal((await call(sim, ...GET_ME)).status, 200);
  const r = await call(sim, ...GET_ME);
  assert.equal(r.status, 429);
  assert.equal(r.headers['retry-after'], '60');
  await call(sim, 'POST', '/__sim/config', { body: { rateLimits: null } });
  assert.equal((await call(sim, ...GET_ME)).status, 200, 'null restores the default (off)');
});
