// The Forge app end to end: the webpack bundle (target/forge/functions/index.cjs, built with
// Forge's bundler settings, the WASM inlined) loaded on the runtime shim, so the real
// @forge/api, @forge/kvs, @forge/events, @forge/resolver and @forge/bridge code runs; Jira is
// the simulator. Admin calls go through the admin page's transport (bridge `invoke` → the
// resolver function); SCIM calls through the web trigger function; the queue consumer and
// the scheduled reconcile are invoked as Forge would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { buildForge, root } from '../../../js/forge/build.mjs';
import { createJiraSim, DEMO_ADMIN, DEMO_ORG_KEY, DEMO_SEED } from '../../../js/jira-sim/index.js';
import { createForgeRuntime, loadManifest } from './runtime-shim.mjs';

const SITE = 'https://acme.atlassian.net';
const SCIM = 'application/scim+json';
let forge;
let sim;
let app;
let admin;

before(async () => {
  const { functions } = await buildForge({ parts: ['functions'] });
  const manifest = await loadManifest(path.join(root, 'manifest.yml'));
  sim = createJiraSim({ baseUrl: SITE });
  forge = createForgeRuntime({ manifest, sim, siteUrl: SITE }).install();
  app = forge.require(functions);
  forge.connectBridge(app.admin, { moduleKey: 'admin' });
  const { invoke } = forge.require('@forge/bridge');
  const { bridgeTransport } = await import('../../../js/forge/admin-page/transport.js');
  admin = bridgeTransport(invoke);
});
after(() => forge?.uninstall());

const user = (email, given, family) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: email, name: { givenName: given, familyName: family }, displayName: `${given} ${family}`,
  emails: [{ primary: true, value: email, type: 'work' }], externalId: `00u${given}`, active: true,
});
const patch = (...Operations) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

/** A connection with Jira settings for the simulated site; returns {scim(method, path, body), id}. */
async function connect(name, { dialect = '2.0' } = {}) {
  const created = await admin.call('connections.create', { name, idp: 'okta', scim: dialect, mode: 'user' });
  const { id, basePath } = created.connection;
  await admin.call('jira.set', {
    id,
    settings: {
      siteUrl: SITE, adminEmail: DEMO_ADMIN.email, apiToken: DEMO_ADMIN.apiToken, products: ['jira-software'],
      orgId: DEMO_SEED.org.orgId, directoryId: DEMO_SEED.org.directoryId, orgApiKey: DEMO_ORG_KEY,
    },
  });
  const scim = async (method, p, body, { token = created.token } = {}) => {
    const [pathOnly, search = ''] = p.split('?');
    const query = Object.fromEntries([...new URLSearchParams(search)].map(([k, v]) => [k, [v]]));
    const res = await forge.trigger(app.scim, {
      method, path: `${basePath}${pathOnly}`, query,
      headers: { authorization: `Bearer ${token}`, 'content-type': SCIM, accept: SCIM }, body,
    });
    return { status: res.statusCode, headers: res.headers, json: res.body ? JSON.parse(res.body) : undefined };
  };
  return { id, basePath, created, scim };
}

const jiraUser = (email) => sim.snapshot().users.find((u) => u.emailAddress === email);

/** Delivers queue events to the consumer until none is left (waiting for delayed ones). */
async function workQueue(maxMs = 20_000) {
  const until = Date.now() + maxMs;
  for (;;) {
    await forge.deliver(app.drain, 'outbox-consumer');
    const waiting = forge.queue.filter((e) => !e.done);
    if (waiting.length === 0) return;
    if (Date.now() > until) throw new Error(`queue not empty after ${maxMs} ms: ${waiting.length} event(s)`);
    const next = Math.min(...waiting.map((e) => e.dueAt));
    await new Promise((r) => setTimeout(r, Math.min(2_000, Math.max(20, next - Date.now()))));
  }
}

test('admin page: host info and a new connection whose SCIM base URL is the web trigger URL', async () => {
  const info = await admin.call('host.info');
  assert.equal(info.publicUrl, forge.webTriggerUrl('scim'));
  assert.equal(info.store, 'Forge KVS');
  assert.equal(info.licence, 'none');
  const { created, id } = await connect('Okta (admin)');
  assert.equal(created.scimBaseUrl, `${forge.webTriggerUrl('scim')}${created.connection.basePath}`);
  assert.ok(forge.kvs.secretNames().some((n) => n.includes(id)), 'the Jira API token is kept with setSecret');
  assert.ok(!JSON.stringify(forge.kvs.keys().map(forge.kvs.peek)).includes(DEMO_ADMIN.apiToken), 'and never as a plain value');
  await assert.rejects(admin.call('connections.get', { id: 'nope' }), (err) => err.status >= 400 && err.status < 500);
  await assert.rejects(admin.call('jira.useSimulator', { id }), (err) => err.status === 409 && /installed on/.test(err.message));
  await assert.rejects(admin.call('no.such.method'), (err) => err.status === 404);
});

test('admin page: test connection and the group and desk pickers read Jira through the core', async () => {
  const s = await connect('Okta (Jira reads)');
  const before = forge.requests.length;
  const me = await admin.call('jira.test', { id: s.id });
  assert.equal(me.siteUrl, SITE);
  assert.equal(me.emailAddress, DEMO_ADMIN.email, 'the site admin whose API token is stored, not the app user');

  const groups = await admin.call('jira.groups', { id: s.id });
  const names = sim.snapshot().groups.map((g) => g.name).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  assert.deepEqual(groups.items.map((g) => g.name), names);
  assert.equal(groups.truncated, false);

  const desks = await admin.call('jira.serviceDesks', { id: s.id });
  assert.deepEqual(desks.items.map((d) => d.projectKey), sim.snapshot().serviceDesks.map((d) => d.projectKey));

  const made = forge.requests.slice(before).map((r) => [r.via, r.method, new URL(r.url ?? r.path, SITE).pathname]);
  assert.deepEqual(made, [
    ['fetch', 'GET', '/rest/api/3/myself'],
    ['requestJira', 'GET', '/rest/api/3/group/bulk'],
    ['requestJira', 'GET', '/rest/servicedeskapi/servicedesk'],
  ], 'myself checks the Basic credentials; the lists go as the app, like the sync\'s own group calls');

  await admin.call('jira.set', { id: s.id, settings: { siteUrl: SITE, adminEmail: DEMO_ADMIN.email, apiToken: 'revoked-token' } });
  await assert.rejects(admin.call('jira.test', { id: s.id }), (err) => err.status === 502 && /refused the credentials \(401\)/.test(err.message));
});

test('Okta lifecycle through the web trigger: probe, create, push group, deactivate, reactivate, delete', async () => {
  const s = await connect('Okta');
  const probe = await s.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "okta-probe@example.com"')}&startIndex=1&count=100`);
  assert.equal(probe.status, 200);
  assert.equal(probe.json.totalResults, 0);

  const created = await s.scim('POST', '/Users', user('katherine.johnson@example.com', 'Katherine', 'Johnson'));
  assert.equal(created.status, 201);
  assert.match(created.headers.location?.[0] ?? created.headers.Location?.[0], new RegExp(`^${forge.webTriggerUrl('scim')}${s.basePath}/Users/`));
  const group = await s.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Research', members: [{ value: created.json.id }] });
  assert.equal(group.status, 201);
  await workQueue();
  const account = jiraUser('katherine.johnson@example.com');
  assert.ok(account, 'the Jira account exists');
  assert.ok(sim.snapshot().groups.find((g) => g.name === 'Research')?.members.includes(account.accountId), 'the Jira group has its member');
  const posts = forge.requests.filter((r) => r.method === 'POST' && /\/rest\/api\/3\/user$/.test(r.url ?? r.path));
  assert.ok(posts.length > 0 && posts.every((r) => r.via === 'fetch'), 'POST /rest/api/3/user went out as plain fetch');
  assert.ok(forge.requests.some((r) => r.via === 'requestJira' && r.method === 'POST' && r.path.startsWith('/rest/api/3/group')), 'groups went through requestJira');

  const off = await s.scim('PATCH', `/Users/${created.json.id}`, patch({ op: 'replace', value: { active: false } }));
  assert.equal(off.status, 200);
  await workQueue();
  assert.deepEqual(jiraUser('katherine.johnson@example.com').products, [], 'deactivated: no product access');

  const on = await s.scim('PATCH', `/Users/${created.json.id}`, patch({ op: 'replace', value: { active: true } }));
  assert.equal(on.status, 200);
  await workQueue();
  assert.ok(jiraUser('katherine.johnson@example.com').products.length > 0, 'reactivated: product access back');

  const removed = await s.scim('PATCH', `/Groups/${group.json.id}`, patch({ op: 'remove', path: `members[value eq "${created.json.id}"]` }));
  assert.ok([200, 204].includes(removed.status), `member removal answered ${removed.status}`);
  await workQueue();
  assert.ok(!sim.snapshot().groups.find((g) => g.name === 'Research').members.includes(account.accountId), 'the member left the Jira group');

  assert.equal((await s.scim('DELETE', `/Groups/${group.json.id}`)).status, 204);
  assert.equal((await s.scim('DELETE', `/Users/${created.json.id}`)).status, 204);
  assert.equal((await s.scim('GET', `/Users/${created.json.id}`)).status, 404);
  const audit = await admin.call('audit.list', { id: s.id, filter: {} });
  assert.ok(JSON.stringify(audit).includes(created.json.id), 'the audit log names the user');
});

test('the queue consumer drains a rate-limited backlog the web trigger left behind', async () => {
  const s = await connect('Okta (burst)');
  sim.config({ rateLimits: { enabled: true, classes: { 'users-write': { limit: 1, windowMs: 1000 } } } });
  try {
    const emails = ['r1', 'r2', 'r3', 'r4'].map((n) => `${n}.burst@example.com`);
    for (const email of emails) assert.equal((await s.scim('POST', '/Users', user(email, email.slice(0, 2), 'Burst'))).status, 201);
    assert.ok(sim.requests().counts['POST /rest/api/3/user'] >= 1);
    assert.ok(forge.queue.some((e) => !e.done), 'the web trigger asked the queue for a drain');
    await workQueue(30_000);
    for (const email of emails) assert.ok(jiraUser(email), `${email} reached Jira`);
  } finally {
    sim.config({ rateLimits: null });
  }
});

test('an inactive licence: SCIM answers 403 in the connection\'s dialect and says why; nothing is stored', async () => {
  const v2 = await connect('Okta (licence, 2.0)');
  const v1 = await connect('Okta (licence, 1.1)', { dialect: '1.1' });
  const body = (email) => JSON.stringify(user(email, 'Un', 'Licensed'));
  const isData = (k) => !k.startsWith('au'); // audit entries are written for refusals too
  const dataKeys = () => forge.kvs.keys().filter(isData).sort();
  const keys = dataKeys();
  const queued = forge.queue.length;
  forge.setLicense({ isActive: false });
  try {
    const refused = await v2.scim('POST', '/Users', body('unlicensed@example.com'));
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.json.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
    assert.equal(refused.json.status, '403');
    assert.match(refused.json.detail, /licen[cs]e .*not active/i);

    const refusedV1 = await v1.scim('POST', '/Users', body('unlicensed1@example.com'));
    assert.equal(refusedV1.status, 403);
    assert.equal(refusedV1.json.schemas, undefined, 'a 1.1 connection gets the 1.1 error shape');
    assert.equal(refusedV1.json.Errors[0].code, '403');
    assert.match(refusedV1.json.Errors[0].description, /licen[cs]e .*not active/i);

    const stranger = await v1.scim('GET', '/Users', undefined, { token: 'usy_not-a-token' });
    assert.equal(stranger.status, 401, 'without a valid token: 401, no licence information');

    assert.deepEqual(dataKeys(), keys, 'nothing stored');
    assert.equal(forge.queue.length, queued, 'no drain asked for');
    assert.equal((await admin.call('host.info')).licence, 'inactive');
  } finally {
    forge.setLicense({ isActive: true });
  }
  assert.equal((await v2.scim('POST', '/Users', body('licensed@example.com'))).status, 201);
  assert.equal((await v1.scim('POST', '/Users', JSON.stringify({
    schemas: ['urn:scim:schemas:core:1.0'], userName: 'licensed1@example.com', name: { givenName: 'Li', familyName: 'Censed' },
    emails: [{ primary: true, value: 'licensed1@example.com', type: 'work' }], active: true,
  }))).status, 201);
  forge.setLicense(undefined);
});

test('the hourly scheduled trigger works off a backlog whose queue events were lost', async () => {
  const s = await connect('Okta (hourly)');
  sim.config({ rateLimits: { enabled: true, classes: { 'users-write': { limit: 1, windowMs: 1000 } } } });
  try {
    const emails = ['h1', 'h2', 'h3'].map((n) => `${n}.hourly@example.com`);
    for (const email of emails) assert.equal((await s.scim('POST', '/Users', user(email, email.slice(0, 2), 'Hourly'))).status, 201);
    for (const event of forge.queue) event.done = true; // the pushes never arrive
    const until = Date.now() + 40_000;
    while (!emails.every(jiraUser)) {
      assert.ok(Date.now() < until, `not in Jira after the scheduled runs: ${emails.filter((e) => !jiraUser(e))}`);
      await forge.invoke(app.reconcile, {}, { moduleKey: 'reconcile-hourly' });
      await new Promise((r) => setTimeout(r, 1_000));
    }
  } finally {
    sim.config({ rateLimits: null });
  }
});
