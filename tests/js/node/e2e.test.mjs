// End to end through HTTP: `serve` with the real WASM core on a real store (a SQLite file and
// a PostgreSQL database), Okta's provisioning steps against the in-process Jira simulator,
// then the admin API on what they left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from '../../../js/node/serve.js';
import { configFromEnv } from '../../../js/node/config.js';
import { SIM_ORIGIN } from '../../../js/node/simulator.js';
import { tempDir, postgresTestUrl, freshPostgresDatabase } from './helpers.mjs';

const SCIM = 'application/scim+json';

async function start(t, env) {
  let banner = '';
  const config = { ...configFromEnv({ PORT: '0', HOST: '127.0.0.1', ...env }), drainIntervalMs: 50 };
  const app = await serve(config, { out: { write: (s) => { banner += s; } }, log: () => {}, signals: false });
  t.after(() => app.stop());
  const token = /API token\s+(\S+)/.exec(banner)[1];
  const base = /SCIM base URL\s+(\S+)/.exec(banner)[1];
  const secret = /admin secret\s+(\S+)/.exec(banner)[1];
  const scim = (method, p, body) => fetch(`${base}${p}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': SCIM, accept: SCIM }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const admin = async (method, args = {}) => {
    const r = await fetch(`${app.url}/admin/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: JSON.stringify(args) });
    const payload = await r.json();
    if (!r.ok) throw new Error(`${method}: ${r.status} ${payload.error}`);
    return payload.result;
  };
  const jira = async () => (await fetch(`${app.url}/jira-sim/__sim/state`)).json();
  return { app, base, token, secret, scim, admin, jira };
}

/** Polls `probe` until it returns a truthy value (the background drain is asynchronous). */
async function waitFor(probe, what, diagnose = async () => '', ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${await diagnose()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const user = (email, given, family) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: email, name: { givenName: given, familyName: family }, displayName: `${given} ${family}`,
  emails: [{ primary: true, value: email, type: 'work' }], externalId: `00u${given}`, active: true,
});

async function oktaLifecycle(t, env) {
  const s = await start(t, env);
  const connId = /\/scim\/([^/]+)\//.exec(s.base)[1];
  /** What the core has queued, dead-lettered and audited: said when a wait times out. */
  const diagnose = async () => JSON.stringify({
    queue: (await s.admin('outbox.list', { id: connId })).entries,
    dead: (await s.admin('deadLetters.list', { id: connId })).entries,
    audit: (await s.admin('audit.list', { id: connId, limit: 8 })).entries,
  });
  const eventually = (probe, what) => waitFor(probe, what, diagnose);
  const jiraUser = async (email) => (await s.jira()).users.find((u) => u.emailAddress === email);

  // Test API Credentials: Okta probes with a filter that matches nobody.
  const probe = await s.scim('GET', '/Users?filter=userName%20eq%20%22nobody%40example.com%22&startIndex=1&count=1');
  assert.equal(probe.status, 200);
  assert.equal((await probe.json()).totalResults, 0);
  assert.equal((await fetch(`${s.base}/Users`)).status, 401, 'no token, no SCIM');

  // Create: 201, then the drain creates the Jira account.
  const created = await s.scim('POST', '/Users', user('katherine.johnson@example.com', 'Katherine', 'Johnson'));
  assert.equal(created.status, 201);
  assert.match(created.headers.get('content-type'), /^application\/scim\+json/);
  const kj = await created.json();
  const account = await eventually(() => jiraUser('katherine.johnson@example.com'), 'the Jira account');
  assert.equal(account.active, true);
  await eventually(async () => (await jiraUser('katherine.johnson@example.com')).products.includes('jira-software'), 'product access granted');
  assert.equal((await s.scim('POST', '/Users', user('katherine.johnson@example.com', 'K', 'J'))).status, 409);

  const found = await (await s.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "Katherine.Johnson@example.com"')}`)).json();
  assert.deepEqual(found.Resources.map((r) => r.id), [kj.id]);

  // Push Groups: a group with the user as member becomes a Jira group with that member.
  const group = await s.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Research', members: [{ value: kj.id }] });
  assert.equal(group.status, 201);
  const g = await group.json();
  await eventually(async () => (await s.jira()).groups.find((x) => x.name === 'Research')?.members.includes(account.accountId), 'the Jira group with its member');

  // Deactivate (Okta PATCH): the default policy removes product access.
  const off = await s.scim('PATCH', `/Users/${kj.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] });
  assert.equal(off.status, 200);
  assert.equal((await off.json()).active, false);
  await eventually(async () => (await jiraUser('katherine.johnson@example.com')).products.length === 0, 'product access removed');

  // The admin API sees what happened.
  const audit = await s.admin('audit.list', { id: null, filter: {} });
  assert.ok(JSON.stringify(audit).includes(kj.id), 'the audit log names the user');
  await eventually(async () => (await s.admin('outbox.list', { id: connId })).entries.length === 0, 'the outbox to drain');
  assert.equal((await s.admin('status')).deadLetters, 0);

  assert.equal((await s.scim('DELETE', `/Groups/${g.id}`)).status, 204);
  assert.equal((await s.scim('DELETE', `/Users/${kj.id}`)).status, 204);
  assert.equal((await s.scim('GET', `/Users/${kj.id}`)).status, 404);
  return s;
}

test('Okta lifecycle through HTTP on SQLite: probe, create, lookup, push group, deactivate, delete', async (t) => {
  await oktaLifecycle(t, { USERSYNC_DB: path.join(tempDir(t), 'usersync.db') });
});

test('Okta lifecycle through HTTP on PostgreSQL', async (t) => {
  await oktaLifecycle(t, { USERSYNC_DATABASE_URL: await freshPostgresDatabase(t, postgresTestUrl()) });
});

test('admin API on the real core: connections, tokens, Jira settings, dry run', async (t) => {
  const s = await start(t, { USERSYNC_DB: path.join(tempDir(t), 'usersync.db') });
  const created = await s.admin('connections.create', { name: 'Entra', idp: 'entra', scim: '2.0', mode: 'user' });
  assert.equal(created.scimBaseUrl, `${s.app.url}/scim${created.connection.basePath}`);
  const auth = (token) => ({ authorization: `Bearer ${token}` });
  assert.equal((await fetch(`${created.scimBaseUrl}/Users`, { headers: auth(created.token) })).status, 200);
  assert.equal((await fetch(`${created.scimBaseUrl}/Users`, { headers: auth(s.token) })).status, 401, "one connection's token opens no other");

  const rotated = await s.admin('connections.rotate', { id: created.connection.id });
  assert.equal((await fetch(`${created.scimBaseUrl}/Users`, { headers: auth(created.token) })).status, 401);
  assert.equal((await fetch(`${created.scimBaseUrl}/Users`, { headers: auth(rotated) })).status, 200);

  const site = await s.admin('jira.get', { id: created.connection.id });
  assert.equal(site.siteUrl, SIM_ORIGIN, 'new connections use the simulator while Jira is simulated');
  const me = await s.admin('jira.test', { id: created.connection.id });
  assert.equal(me.emailAddress, 'admin@example.com');

  // The admin dry run needs no SCIM token (the admin secret got us here).
  const dry = await s.admin('dryRun', { id: created.connection.id, request: { method: 'POST', path: '/Users', body: user('dry@example.com', 'Dry', 'Run') } });
  assert.equal(dry.status, 201);
  assert.ok(dry.dryRun.tasks.length > 0, JSON.stringify(dry.dryRun));
  assert.ok(dry.headers.Location.startsWith(`${created.scimBaseUrl}/Users/`), dry.headers.Location);
  const dryScim = await fetch(`${created.scimBaseUrl}/Users`, { method: 'POST', headers: { 'content-type': 'application/scim+json', 'x-usersync-dry-run': 'true' }, body: JSON.stringify(user('dry@example.com', 'Dry', 'Run')) });
  assert.equal(dryScim.status, 401, 'from the SCIM side a dry run still needs the token');
  const groups = await s.admin('jira.groups', { id: created.connection.id });
  assert.ok(groups.items.some((g) => g.name === 'developers'), 'the group picker reads Jira');
  assert.equal((await s.jira()).users.some((u) => u.emailAddress === 'dry@example.com'), false, 'a dry run calls nothing');

  await s.admin('connections.remove', { id: created.connection.id });
  assert.equal((await fetch(`${created.scimBaseUrl}/Users`, { headers: auth(rotated) })).status, 401);
});
