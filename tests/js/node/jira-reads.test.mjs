// The admin API's Jira reads (jira.test, jira.groups, jira.serviceDesks) on the Node host:
// the core's exports through /admin/api, against the in-process Jira simulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from '../../../js/node/serve.js';
import { configFromEnv } from '../../../js/node/config.js';
import { SIM_ORIGIN } from '../../../js/node/simulator.js';
import { DEMO_ADMIN } from '../../../js/jira-sim/index.js';
import { tempDir } from './helpers.mjs';

async function start(t) {
  let banner = '';
  const config = { ...configFromEnv({ PORT: '0', HOST: '127.0.0.1', USERSYNC_DB: path.join(tempDir(t), 'u.db') }), drainIntervalMs: 50 };
  const app = await serve(config, { out: { write: (s) => { banner += s; } }, log: () => {}, signals: false });
  t.after(() => app.stop());
  const secret = /admin secret\s+(\S+)/.exec(banner)[1];
  /** Resolves {status, result?, error?} for one admin call. */
  const admin = async (method, args = {}) => {
    const r = await fetch(`${app.url}/admin/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: JSON.stringify(args) });
    return { status: r.status, ...(await r.json()) };
  };
  /** The simulated Jira's own REST API, as its demo site admin. */
  const jiraApi = (method, p, body) => fetch(`${app.url}/jira-sim${p}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${DEMO_ADMIN.email}:${DEMO_ADMIN.apiToken}`).toString('base64')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const state = async () => (await fetch(`${app.url}/jira-sim/__sim/state`)).json();
  return { app, admin, jiraApi, state };
}

test('jira.test, jira.groups and jira.serviceDesks are the core\'s, read from the connection\'s site', async (t) => {
  const s = await start(t);
  const { result: created } = await s.admin('connections.create', { name: 'Okta', idp: 'okta', scim: '2.0', mode: 'user' });
  const id = created.connection.id;

  const me = await s.admin('jira.test', { id });
  assert.equal(me.status, 200, me.error);
  assert.equal(me.result.siteUrl, SIM_ORIGIN);
  assert.equal(me.result.emailAddress, DEMO_ADMIN.email);
  assert.ok(me.result.accountId);

  // More groups than one page of group/bulk (50), created out of order.
  for (let i = 59; i >= 0; i -= 1) {
    const r = await s.jiraApi('POST', '/rest/api/3/group', { name: `team-${String(i).padStart(2, '0')}` });
    assert.equal(r.status, 201, await r.text());
  }
  const groups = await s.admin('jira.groups', { id });
  assert.equal(groups.status, 200, groups.error);
  assert.equal(groups.result.truncated, false);
  const expected = (await s.state()).groups.map((g) => g.name).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  assert.ok(expected.length > 60);
  assert.deepEqual(groups.result.items.map((g) => g.name), expected, 'every page, sorted by name');
  assert.ok(groups.result.items.every((g) => typeof g.groupId === 'string' && g.groupId.length > 0));

  const desks = await s.admin('jira.serviceDesks', { id });
  assert.equal(desks.status, 200, desks.error);
  assert.deepEqual(
    desks.result.items.map(({ id: deskId, projectKey, projectName }) => ({ id: deskId, projectKey, projectName })),
    (await s.state()).serviceDesks.map(({ id: deskId, projectKey, projectName }) => ({ id: deskId, projectKey, projectName })),
  );
  assert.equal(desks.result.truncated, false);
});

test('Jira reads say why they failed: refused credentials, unknown connection', async (t) => {
  const s = await start(t);
  const { result: created } = await s.admin('connections.create', { name: 'Entra', idp: 'entra', scim: '2.0', mode: 'user' });
  const id = created.connection.id;
  const site = (await s.admin('jira.get', { id })).result;
  await s.admin('jira.set', { id, settings: { siteUrl: site.siteUrl, adminEmail: site.adminEmail, apiToken: 'not-the-token' } });
  for (const method of ['jira.test', 'jira.groups', 'jira.serviceDesks']) {
    const refused = await s.admin(method, { id });
    assert.equal(refused.status, 502, `${method}: ${refused.error}`);
    assert.match(refused.error, /Jira refused the credentials \(401\).*admin email and API token/, method);
  }
  assert.equal((await s.admin('jira.test', { id: 'nope' })).status, 404);
});
