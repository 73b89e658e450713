import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSim, call, ALICE, IDS, BASE, userOf, groupId } from './helpers.mjs';

test('POST /user creates an account with the requested products (201, Jira user shape)', async () => {
  const sim = newSim();
  const r = await call(sim, 'POST', '/rest/api/3/user', { body: { emailAddress: 'erin@example.com', products: ['jira-software'] } });
  assert.equal(r.status, 201);
  const u = r.json;
  assert.match(u.accountId, /^712020:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(u.self, `${BASE}/rest/api/3/user?accountId=${u.accountId}`);
  assert.equal(u.accountType, 'atlassian');
  assert.equal(u.emailAddress, 'erin@example.com');
  assert.equal(u.displayName, 'erin');
  assert.equal(u.active, true);
  assert.deepEqual(Object.keys(u.avatarUrls).sort(), ['16x16', '24x24', '32x32', '48x48']);
  assert.equal(typeof u.timeZone, 'string');
  assert.equal(typeof u.locale, 'string');
  assert.deepEqual(u.applicationRoles, { size: 1, items: [] });
  assert.deepEqual(userOf(sim, 'erin@example.com').products, ['jira-software']);
  assert.ok(sim.state.groupByName('jira-software-users').members.has(u.accountId), 'product grant = default group membership');
});

test('POST /user with products: [] creates an account without product access', async () => {
  const sim = newSim();
  const r = await call(sim, 'POST', '/rest/api/3/user', { body: { emailAddress: 'nop@example.com', products: [] } });
  assert.equal(r.status, 201);
  assert.deepEqual(userOf(sim, 'nop@example.com').products, []);
});

test('POST /user rejects what Jira rejects', async (t) => {
  const rows = [
    ['missing products', { emailAddress: 'x@example.com' }, 400, (j) => assert.deepEqual(j.errorMessages, ['You must specify the products that user can access.'])],
    ['null products', { emailAddress: 'x@example.com', products: null }, 400, (j) => assert.match(j.errorMessages[0], /specify the products/)],
    ['products not an array', { emailAddress: 'x@example.com', products: 'jira-software' }, 400, (j) => assert.ok(j.errors.products)],
    ['unknown product', { emailAddress: 'x@example.com', products: ['confluence'] }, 400, (j) => assert.match(j.errorMessages[0], /Invalid products: confluence/)],
    ['missing email', { products: [] }, 400, (j) => assert.ok(j.errors.emailAddress)],
    ['malformed email', { emailAddress: 'not-an-email', products: [] }, 400, (j) => assert.ok(j.errors.emailAddress)],
    ['existing account without Jira access, no products', { emailAddress: 'carol@customer.example', products: [] }, 400,
      (j) => assert.match(j.errorMessages[0], /already exists/)],
  ];
  for (const [name, body, status, check] of rows) {
    await t.test(name, async () => {
      const sim = newSim();
      const before = sim.state.users.size;
      const r = await call(sim, 'POST', '/rest/api/3/user', { body });
      assert.equal(r.status, status);
      assert.deepEqual(Object.keys(r.json).sort(), ['errorMessages', 'errors']);
      check(r.json);
      assert.equal(sim.state.users.size, before, 'nothing created');
    });
  }
});

test('POST /user for an email that has an account with Jira access answers 201 with that account', async () => {
  const sim = newSim();
  const r = await call(sim, 'POST', '/rest/api/3/user', { body: { emailAddress: 'ALICE@example.com', products: [] } });
  assert.equal(r.status, 201);
  assert.equal(r.json.accountId, IDS.alice);
});

test('POST /user for an existing account without access grants newly requested products', async () => {
  const sim = newSim();
  const r = await call(sim, 'POST', '/rest/api/3/user', { body: { emailAddress: 'carol@customer.example', products: ['jira-servicedesk'] } });
  assert.equal(r.status, 201);
  assert.equal(r.json.accountId, IDS.carol);
  assert.deepEqual(userOf(sim, 'carol@customer.example').products, ['jira-servicedesk']);
});

test('POST /user needs a JSON body, declared as JSON', async () => {
  const sim = newSim();
  const wrongType = await call(sim, 'POST', '/rest/api/3/user', { body: '{"emailAddress":"a@b.c","products":[]}', headers: { 'content-type': 'text/plain' } });
  assert.equal(wrongType.status, 415);
  const malformed = await call(sim, 'POST', '/rest/api/3/user', { body: '{"emailAddress":' });
  assert.equal(malformed.status, 400);
  assert.deepEqual(malformed.json.errorMessages, ['Invalid request payload. Refer to the REST API documentation and try again.']);
});

test('POST and DELETE /user need site admin (403 for a plain user)', async () => {
  const sim = newSim();
  const c = await call(sim, 'POST', '/rest/api/3/user', { auth: ALICE, body: { emailAddress: 'z@example.com', products: [] } });
  assert.equal(c.status, 403);
  assert.equal(c.json.errorMessages.length, 1);
  const d = await call(sim, 'DELETE', `/rest/api/3/user?accountId=${IDS.bob}`, { auth: ALICE });
  assert.equal(d.status, 403);
});

test('GET /user by accountId, with groups and applicationRoles expanded on request', async () => {
  const sim = newSim();
  const plain = await call(sim, 'GET', `/rest/api/3/user?accountId=${IDS.bob}`);
  assert.equal(plain.status, 200);
  assert.equal(plain.json.displayName, 'Bob Brown');
  assert.equal(plain.json.groups.size, 3);
  assert.deepEqual(plain.json.groups.items, []);
  const full = await call(sim, 'GET', `/rest/api/3/user?accountId=${IDS.bob}&expand=groups,applicationRoles`);
  assert.deepEqual(full.json.groups.items.map((g) => g.name).sort(), ['developers', 'jira-servicemanagement-users', 'jira-software-users']);
  assert.ok(full.json.groups.items.every((g) => g.groupId && g.self.includes(`groupId=${g.groupId}`)));
  assert.deepEqual(full.json.applicationRoles.items.map((r) => r.key).sort(), ['jira-servicedesk', 'jira-software']);
});

test('GET /user: unknown account 404, missing accountId 400', async () => {
  const sim = newSim();
  const unknown = await call(sim, 'GET', '/rest/api/3/user?accountId=nope');
  assert.equal(unknown.status, 404);
  assert.deepEqual(unknown.json, { errorMessages: ['Specified user does not exist or you do not have required permissions'], errors: {} });
  assert.equal((await call(sim, 'GET', '/rest/api/3/user')).status, 400);
});

test('DELETE /user removes the account from the site (204), its groups and desks with it', async () => {
  const sim = newSim();
  const r = await call(sim, 'DELETE', `/rest/api/3/user?accountId=${IDS.bob}`);
  assert.equal(r.status, 204);
  assert.equal(r.text, '');
  assert.equal((await call(sim, 'GET', `/rest/api/3/user?accountId=${IDS.bob}`)).status, 404);
  assert.ok(!sim.state.groups.get(groupId(sim, 'developers')).members.has(IDS.bob));
  assert.equal((await call(sim, 'DELETE', `/rest/api/3/user?accountId=${IDS.bob}`)).status, 404);
  assert.equal((await call(sim, 'DELETE', `/rest/api/3/user?accountId=${IDS.admin}`)).status, 400, 'not yourself');
});

test('GET /user/search: prefix match on display-name words and email, active only, plain array', async (t) => {
  const sim = newSim();
  const rows = [
    ['bro', ['Bob Brown']],
    ['BOB', ['Bob Brown']],
    ['alice@', ['Alice Anders']],
    ['lice', []], // substring, not prefix
    ['dana', []], // suspended → inactive
    ['carol', ['Carol Customer']],
    ['a', ['Alice Anders', 'Sim Admin']],
  ];
  for (const [query, names] of rows) {
    await t.test(query, async () => {
      const r = await call(sim, 'GET', `/rest/api/3/user/search?query=${encodeURIComponent(query)}`);
      assert.equal(r.status, 200);
      assert.ok(Array.isArray(r.json));
      assert.deepEqual(r.json.map((u) => u.displayName), names);
    });
  }
  await t.test('needs query, accountId or property', async () => {
    assert.equal((await call(sim, 'GET', '/rest/api/3/user/search')).status, 400);
  });
  await t.test('by accountId', async () => {
    const r = await call(sim, 'GET', `/rest/api/3/user/search?accountId=${IDS.alice}`);
    assert.deepEqual(r.json.map((u) => u.accountId), [IDS.alice]);
  });
});

test('GET /user/search returns at most 1000 users, and pages with startAt/maxResults', async () => {
  const sim = newSim();
  for (let i = 0; i < 1005; i += 1) sim.state.addAccount({ emailAddress: `bulk${String(i).padStart(4, '0')}@example.com`, displayName: `Bulk ${i}` });
  const big = await call(sim, 'GET', '/rest/api/3/user/search?query=bulk&maxResults=5000');
  assert.equal(big.json.length, 1000);
  const dflt = await call(sim, 'GET', '/rest/api/3/user/search?query=bulk');
  assert.equal(dflt.json.length, 50);
  const tail = await call(sim, 'GET', '/rest/api/3/user/search?query=bulk&startAt=1000&maxResults=1000');
  assert.equal(tail.json.length, 5);
  assert.equal((await call(sim, 'GET', '/rest/api/3/user/search?query=bulk&startAt=-1')).status, 400);
});

test('GET /users/search lists every account, inactive ones too, in pages', async () => {
  const sim = newSim();
  const all = await call(sim, 'GET', '/rest/api/3/users/search');
  assert.equal(all.status, 200);
  assert.equal(all.json.length, 5);
  const dana = all.json.find((u) => u.accountId === IDS.dana);
  assert.equal(dana.active, false);
  assert.equal(all.json.find((u) => u.accountId === IDS.carol).accountType, 'customer');
  const page = await call(sim, 'GET', '/rest/api/3/users/search?startAt=1&maxResults=2');
  assert.deepEqual(page.json.map((u) => u.accountId), all.json.slice(1, 3).map((u) => u.accountId));
});

test('GET /user/email and GET /myself', async () => {
  const sim = newSim();
  const e = await call(sim, 'GET', `/rest/api/3/user/email?accountId=${IDS.bob}`);
  assert.deepEqual(e.json, { accountId: IDS.bob, email: 'bob@example.com' });
  assert.equal((await call(sim, 'GET', '/rest/api/3/user/email?accountId=nope')).status, 404);
  const me = await call(sim, 'GET', '/rest/api/3/myself', { auth: ALICE });
  assert.equal(me.json.accountId, IDS.alice);
  assert.equal(me.json.emailAddress, 'alice@example.com');
});
