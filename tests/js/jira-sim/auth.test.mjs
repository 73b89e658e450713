import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSim, call, basic, ORG_KEY } from './helpers.mjs';

const PLATFORM_401 = { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} };

test('site APIs take Basic email:api-token; anything else is 401 in the family\'s error shape', async (t) => {
  const rows = [
    ['no credentials', null],
    ['wrong token', basic('admin@example.com', 'wrong')],
    ['unknown email', basic('nobody@example.com', 'sim-api-token')],
    ['account without a token', basic('bob@example.com', '')],
    ['an org key is not a site credential', ORG_KEY],
    ['garbage', 'Basic !!!'],
  ];
  for (const [name, auth] of rows) {
    await t.test(name, async () => {
      const sim = newSim();
      const p = await call(sim, 'GET', '/rest/api/3/myself', { auth });
      assert.equal(p.status, 401);
      assert.deepEqual(p.json, PLATFORM_401);
      assert.ok(p.headers['www-authenticate']);
      const j = await call(sim, 'GET', '/rest/servicedeskapi/servicedesk', { auth });
      assert.equal(j.status, 401);
      assert.deepEqual(Object.keys(j.json).sort(), ['errorMessage', 'i18nErrorMessage']);
    });
  }
});

test('credentials are configurable through seed data', async () => {
  const sim = newSim();
  sim.config({ seedData: { org: { orgId: 'o', directoryId: 'd', apiKeys: { k: { write: true } } }, groups: ['site-admins'],
    users: [{ email: 'root@corp.example', apiToken: 't0k', siteAdmin: true }] } });
  assert.equal((await call(sim, 'GET', '/rest/api/3/myself', { auth: basic('root@corp.example', 't0k') })).status, 200);
  assert.equal((await call(sim, 'GET', '/rest/api/3/myself')).status, 401, 'the demo admin is gone');
  assert.equal((await call(sim, 'GET', '/admin/v2/orgs/o/directories', { auth: 'Bearer k' })).status, 200);
});

test('unknown paths are 404 and known paths with another method 405', async () => {
  const sim = newSim();
  const nf = await call(sim, 'GET', '/rest/api/3/nothing-here');
  assert.equal(nf.status, 404);
  assert.ok(Array.isArray(nf.json.errorMessages));
  const na = await call(sim, 'PATCH', '/rest/api/3/user?accountId=x');
  assert.equal(na.status, 405);
  assert.equal(na.headers.allow, 'POST, GET, DELETE');
});

test('trailing slashes and absolute URLs are accepted; self links follow the request origin', async () => {
  const sim = newSim();
  const r = await call(sim, 'GET', 'http://other.example:8080/rest/api/3/myself/');
  assert.equal(r.status, 200);
  assert.ok(r.json.self.startsWith('http://other.example:8080/rest/api/3/user?accountId='));
});
