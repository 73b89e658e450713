import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSim, call, ALICE, IDS, BASE, groupId, userOf } from './helpers.mjs';

test('POST /group creates a group (201 {groupId, name, self})', async () => {
  const sim = newSim();
  const r = await call(sim, 'POST', '/rest/api/3/group', { body: { name: 'okta-engineering' } });
  assert.equal(r.status, 201);
  assert.equal(r.json.name, 'okta-engineering');
  assert.match(r.json.groupId, /^[0-9a-f-]{36}$/);
  assert.equal(r.json.self, `${BASE}/rest/api/3/group?groupId=${r.json.groupId}`);
  assert.equal(r.json.users.size, 0);
  assert.equal(sim.state.groups.get(r.json.groupId).name, 'okta-engineering');
});

test('POST /group rejects a taken name (any case), a missing name, and non-admins', async (t) => {
  const rows = [
    ['taken', { name: 'developers' }, undefined, 400],
    ['taken, other case', { name: 'DEVELOPERS' }, undefined, 400],
    ['missing name', {}, undefined, 400],
    ['blank name', { name: '  ' }, undefined, 400],
    ['not a site admin', { name: 'fresh' }, ALICE, 403],
  ];
  for (const [name, body, auth, status] of rows) {
    await t.test(name, async () => {
      const sim = newSim();
      const before = sim.state.groups.size;
      const r = await call(sim, 'POST', '/rest/api/3/group', { body, auth });
      assert.equal(r.status, status);
      assert.ok(Array.isArray(r.json.errorMessages) && typeof r.json.errors === 'object');
      assert.equal(sim.state.groups.size, before);
    });
  }
});

test('groups cannot be renamed: PUT /group is 405, as in Jira', async () => {
  const sim = newSim();
  const r = await call(sim, 'PUT', `/rest/api/3/group?groupId=${groupId(sim, 'developers')}`, { body: { name: 'devs' } });
  assert.equal(r.status, 405);
  assert.match(r.headers.allow, /DELETE/);
  assert.ok(sim.state.groupByName('developers'));
});

test('DELETE /group by groupId or groupname, with an optional swap group', async (t) => {
  await t.test('by groupId', async () => {
    const sim = newSim();
    const r = await call(sim, 'DELETE', `/rest/api/3/group?groupId=${groupId(sim, 'developers')}`);
    assert.equal(r.status, 200);
    assert.equal(sim.state.groupByName('developers'), undefined);
  });
  await t.test('by groupname, swapping to another group', async () => {
    const sim = newSim();
    const swap = groupId(sim, 'jira-admins');
    const r = await call(sim, 'DELETE', `/rest/api/3/group?groupname=developers&swapGroupId=${swap}`);
    assert.equal(r.status, 200);
  });
  const rows = [
    ['unknown group', '?groupId=00000000-0000-4000-8000-000000000000', 404],
    ['neither id nor name', '', 400],
    ['both id and name', (sim) => `?groupId=${groupId(sim, 'developers')}&groupname=developers`, 400],
    ['unknown swap group', '?groupname=developers&swapGroupId=nope', 404],
    ['swap with itself', (sim) => `?groupname=developers&swapGroupId=${groupId(sim, 'developers')}`, 400],
  ];
  for (const [name, q, status] of rows) {
    await t.test(name, async () => {
      const sim = newSim();
      const r = await call(sim, 'DELETE', `/rest/api/3/group${typeof q === 'function' ? q(sim) : q}`);
      assert.equal(r.status, status);
      assert.ok(sim.state.groupByName('developers'));
    });
  }
  await t.test('needs site admin', async () => {
    const sim = newSim();
    assert.equal((await call(sim, 'DELETE', '/rest/api/3/group?groupname=developers', { auth: ALICE })).status, 403);
  });
});

test('GET /group/bulk: a PageBean of {name, groupId}, with filters', async (t) => {
  const sim = newSim();
  await t.test('page shape and paging', async () => {
    const r = await call(sim, 'GET', '/rest/api/3/group/bulk?maxResults=3');
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json), ['self', 'nextPage', 'maxResults', 'startAt', 'total', 'isLast', 'values']);
    assert.equal(r.json.total, 7);
    assert.equal(r.json.isLast, false);
    assert.equal(r.json.values.length, 3);
    assert.deepEqual(Object.keys(r.json.values[0]), ['name', 'groupId']);
    assert.match(r.json.nextPage, /startAt=3/);
    const last = await call(sim, 'GET', '/rest/api/3/group/bulk?startAt=6&maxResults=3');
    assert.equal(last.json.isLast, true);
    assert.equal(last.json.nextPage, undefined);
  });
  await t.test('groupName filter is case-sensitive unless caseInsensitive=true', async () => {
    const exact = await call(sim, 'GET', '/rest/api/3/group/bulk?groupName=Developers');
    assert.equal(exact.json.total, 0);
    const ci = await call(sim, 'GET', '/rest/api/3/group/bulk?groupName=Developers&caseInsensitive=true');
    assert.deepEqual(ci.json.values.map((g) => g.name), ['developers']);
  });
  await t.test('groupId filter, repeatable', async () => {
    const a = groupId(sim, 'developers');
    const b = groupId(sim, 'site-admins');
    const r = await call(sim, 'GET', `/rest/api/3/group/bulk?groupId=${a}&groupId=${b}`);
    assert.deepEqual(r.json.values.map((g) => g.name), ['developers', 'site-admins']);
  });
  await t.test('applicationKey names the product access group', async () => {
    const r = await call(sim, 'GET', '/rest/api/3/group/bulk?applicationKey=jira-software');
    assert.deepEqual(r.json.values.map((g) => g.name), ['jira-software-users']);
  });
});

test('GET /group/member: PageBean of users, maxResults capped at 50, inactive on request', async (t) => {
  const sim = newSim();
  const sw = groupId(sim, 'jira-software-users');
  await t.test('active members only by default', async () => {
    const r = await call(sim, 'GET', `/rest/api/3/group/member?groupId=${sw}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.values.map((u) => u.displayName), ['Alice Anders', 'Bob Brown', 'Sim Admin']);
    assert.deepEqual(Object.keys(r.json.values[0]).sort(),
      ['accountId', 'accountType', 'active', 'avatarUrls', 'displayName', 'emailAddress', 'self', 'timeZone']);
  });
  await t.test('includeInactiveUsers=true adds suspended members', async () => {
    const r = await call(sim, 'GET', `/rest/api/3/group/member?groupname=jira-software-users&includeInactiveUsers=true`);
    assert.equal(r.json.total, 4);
    assert.equal(r.json.values.find((u) => u.accountId === IDS.dana).active, false);
  });
  await t.test('maxResults above 50 is capped', async () => {
    const g = sim.state.createGroup('big');
    for (let i = 0; i < 60; i += 1) g.members.add(sim.state.addAccount({ emailAddress: `m${i}@example.com` }).accountId);
    const r = await call(sim, 'GET', `/rest/api/3/group/member?groupId=${g.groupId}&maxResults=100`);
    assert.equal(r.json.maxResults, 50);
    assert.equal(r.json.values.length, 50);
    assert.equal(r.json.isLast, false);
    const next = await call(sim, 'GET', new URL(r.json.nextPage).pathname + new URL(r.json.nextPage).search);
    assert.equal(next.json.values.length, 10);
    assert.equal(next.json.isLast, true);
  });
  await t.test('unknown group 404', async () => {
    assert.equal((await call(sim, 'GET', '/rest/api/3/group/member?groupname=nope')).status, 404);
  });
});

test('POST /group/user adds a member (201); a product group grants the product', async () => {
  const sim = newSim();
  const g = groupId(sim, 'jira-core-users');
  const r = await call(sim, 'POST', `/rest/api/3/group/user?groupId=${g}`, { body: { accountId: IDS.alice } });
  assert.equal(r.status, 201);
  assert.equal(r.json.name, 'jira-core-users');
  assert.ok(userOf(sim, 'alice@example.com').products.includes('jira-core'));
});

test('POST /group/user rejects what Jira rejects', async (t) => {
  const rows = [
    ['already a member', (s) => `groupId=${groupId(s, 'developers')}`, { accountId: IDS.alice }, undefined, 400],
    ['unknown account', (s) => `groupId=${groupId(s, 'developers')}`, { accountId: 'nope' }, undefined, 404],
    ['missing accountId', (s) => `groupId=${groupId(s, 'developers')}`, {}, undefined, 400],
    ['unknown group', () => 'groupname=nope', { accountId: IDS.alice }, undefined, 404],
    ['not a site admin', (s) => `groupId=${groupId(s, 'jira-admins')}`, { accountId: IDS.alice }, ALICE, 403],
  ];
  for (const [name, q, body, auth, status] of rows) {
    await t.test(name, async () => {
      const sim = newSim();
      const r = await call(sim, 'POST', `/rest/api/3/group/user?${q(sim)}`, { body, auth });
      assert.equal(r.status, status);
    });
  }
});

test('DELETE /group/user removes a member (200); leaving a product group removes the product', async () => {
  const sim = newSim();
  const g = groupId(sim, 'jira-software-users');
  const r = await call(sim, 'DELETE', `/rest/api/3/group/user?groupId=${g}&accountId=${IDS.alice}`);
  assert.equal(r.status, 200);
  assert.deepEqual(userOf(sim, 'alice@example.com').products, []);
  const again = await call(sim, 'DELETE', `/rest/api/3/group/user?groupId=${g}&accountId=${IDS.alice}`);
  assert.equal(again.status, 400, 'not a member any more');
  assert.equal((await call(sim, 'DELETE', `/rest/api/3/group/user?groupId=${g}`)).status, 400, 'accountId required');
  assert.equal((await call(sim, 'DELETE', `/rest/api/3/group/user?groupId=${g}&accountId=${IDS.bob}`, { auth: ALICE })).status, 403);
});
