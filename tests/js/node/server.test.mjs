// The Node host's own wiring, with a fake core (fake-core.mjs): first start, routes, the
// 1 MiB limit, admin auth, static files, the mounted simulator, logs, graceful stop.
// What the core answers is tested end to end in e2e.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import http from 'node:http';
import { serve } from '../../../js/node/serve.js';
import { configFromEnv } from '../../../js/node/config.js';
import { SIM_ORIGIN } from '../../../js/node/simulator.js';
import { fakeCore } from './fake-core.mjs';
import { tempDir } from './helpers.mjs';

/** Starts a server on a fresh SQLite file; returns it with its banner and log lines. */
async function start(t, { dir = tempDir(t), core = fakeCore() } = {}) {
  let banner = '';
  const lines = [];
  const config = configFromEnv({ PORT: '0', HOST: '127.0.0.1', USERSYNC_DB: path.join(dir, 'usersync.db') });
  const app = await serve(config, {
    out: { write: (s) => { banner += s; } },
    log: (level, event) => lines.push({ level, ...event }),
    signals: false,
    core: async () => core,
  });
  t.after(() => app.stop());
  return { ...app, core, banner, lines, dir };
}

const secretOf = (banner) => /admin secret\s+(\S+)/.exec(banner)?.[1];

test('first start: creates an Okta connection and prints its SCIM base URL, token, the admin URL and secret once', async (t) => {
  const dir = tempDir(t);
  const first = await start(t, { dir });
  assert.match(first.banner, /Jira is SIMULATED/);
  assert.match(first.banner, new RegExp(`SCIM base URL\\s+${first.url}/scim/c1/v2`));
  assert.match(first.banner, /API token\s+tok-c1-1/);
  assert.match(first.banner, new RegExp(`Admin UI\\s+${first.url}/admin/`));
  assert.match(secretOf(first.banner), /^usa_[A-Za-z0-9_-]{43}$/);
  assert.deepEqual((await first.core.call('connections.list')).map((c) => [c.name, c.idp, c.scim, c.mode]), [['Okta', 'okta', '2.0', 'user']]);
  assert.equal(first.core.simulator, SIM_ORIGIN);
  assert.equal((await first.core.call('jira.get', { id: 'c1' })).siteUrl, SIM_ORIGIN);
  assert.ok(first.lines.some((l) => l.event === 'jira.simulated' && /Jira is simulated/.test(l.msg)));
  await first.stop();

  const core = fakeCore();
  await core.call('connections.create', { name: 'Okta', idp: 'okta' });
  const second = await start(t, { dir, core });
  assert.doesNotMatch(second.banner, /API token|admin secret/);
  assert.match(second.banner, /Admin UI/);
});

test('the admin secret is stored only as its SHA-256; reset-secret replaces it', async (t) => {
  const app = await start(t);
  const secret = secretOf(app.banner);
  await app.stop();
  const { openSqliteStore } = await import('../../../js/node/store-sqlite.js');
  const { ADMIN_HASH, resetAdminSecret, verifyAdminSecret } = await import('../../../js/node/admin-auth.js');
  const { createHash } = await import('node:crypto');
  const store = openSqliteStore(path.join(app.dir, 'usersync.db'));
  try {
    assert.equal(await store.getSecret(ADMIN_HASH), createHash('sha256').update(secret).digest('hex'));
    assert.equal(await verifyAdminSecret(store, secret), true);
    const fresh = await resetAdminSecret(store);
    assert.equal(await verifyAdminSecret(store, secret), false);
    assert.equal(await verifyAdminSecret(store, fresh), true);
  } finally {
    await store.close();
  }
});

test('/scim: the request reaches the core as method, path below /scim, raw query, header pairs and body', async (t) => {
  const app = await start(t);
  const r = await fetch(`${app.url}/scim/c1/v2/Users?filter=userName%20eq%20%22a%22&count=5`, {
    method: 'POST', headers: { authorization: 'Bearer abc', 'content-type': 'application/scim+json' }, body: '{"userName":"a"}',
  });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/scim+json');
  const { echo } = await r.json();
  assert.equal(echo.method, 'POST');
  assert.equal(echo.path, '/c1/v2/Users');
  assert.equal(echo.query, 'filter=userName%20eq%20%22a%22&count=5');
  assert.deepEqual(echo.headers.find(([n]) => n === 'authorization'), ['authorization', 'Bearer abc']);
  assert.equal(echo.body, '{"userName":"a"}');
  assert.equal(echo.baseUrl, `${app.url}/scim`);
  assert.equal(echo.drainBudgetMs, 1000);
  const get = await (await fetch(`${app.url}/scim/c1/v2/Users/x`)).json();
  assert.equal(get.echo.body, null);
});

test('/scim: a body over 1 MiB is a SCIM 413, declared or streamed, and never reaches the core', async (t) => {
  const app = await start(t);
  const big = 'x'.repeat(1024 * 1024 + 1);
  const r = await fetch(`${app.url}/scim/c1/v2/Users`, { method: 'POST', headers: { 'content-type': 'application/scim+json' }, body: big });
  assert.equal(r.status, 413);
  assert.match(r.headers.get('content-type'), /^application\/scim\+json/);
  const body = await r.json();
  assert.deepEqual(body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
  assert.equal(body.status, '413');
  assert.match(body.detail, /1 MiB/);

  // Chunked: no Content-Length, so the limit is found while reading.
  const status = await new Promise((resolve, reject) => {
    const req = http.request(`${app.url}/scim/c1/v2/Users`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', reject);
    for (let i = 0; i < 17; i += 1) req.write('y'.repeat(64 * 1024));
    req.end();
  });
  assert.equal(status, 413);
  assert.equal(app.core.handled.length, 0);
  const exactly = await fetch(`${app.url}/scim/c1/v2/Users`, { method: 'POST', body: 'z'.repeat(1024 * 1024) });
  assert.equal(exactly.status, 200);
});

test('/admin/api: the admin secret signs in; SCIM tokens, wrong secrets and none do not', async (t) => {
  const app = await start(t);
  const secret = secretOf(app.banner);
  const call = (method, { auth, body = '{}', verb = 'POST' } = {}) => fetch(`${app.url}/admin/api/${method}`, {
    method: verb, headers: auth ? { authorization: `Bearer ${auth}` } : {}, body: verb === 'POST' ? body : undefined,
  });
  for (const auth of [undefined, 'tok-c1-1', `${secret}x`, 'usa_']) {
    const r = await call('connections.list', { auth });
    assert.equal(r.status, 401, String(auth));
    assert.match((await r.json()).error, /admin secret/);
    assert.match(r.headers.get('www-authenticate'), /^Bearer/);
  }
  const ok = await call('connections.list', { auth: secret });
  assert.equal(ok.status, 200);
  const { result } = await ok.json();
  assert.equal(result[0].scimBaseUrl, `${app.url}/scim/c1/v2`);

  const info = (await (await call('host.info', { auth: secret })).json()).result;
  assert.deepEqual({ sim: info.jiraSimulated, store: info.store, admin: info.adminUrl }, { sim: true, store: 'sqlite', admin: `${app.url}/admin/` });

  assert.equal((await call('no.such', { auth: secret })).status, 404);
  assert.equal((await call('%E0%A4%A', { auth: secret })).status, 404);
  assert.equal((await call('connections.list', { auth: secret, body: '{nope' })).status, 400);
  assert.equal((await call('connections.list', { auth: secret, body: '[1]' })).status, 400);
  assert.equal((await call('connections.list', { auth: secret, verb: 'GET' })).status, 405);
  const refused = await call('connections.create', { auth: secret, body: '{"name":" "}' });
  assert.equal(refused.status, 400);
  assert.match((await refused.json()).error, /non-empty name/);
  const missing = await call('connections.rotate', { auth: secret, body: '{"id":"nope"}' });
  assert.equal(missing.status, 404);
});

test('/admin serves the UI and nothing outside js/admin; / redirects to it', async (t) => {
  const app = await start(t);
  const index = await fetch(`${app.url}/admin/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.match(index.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(await index.text(), /<script type="module" src="app.js">/);
  assert.match((await fetch(`${app.url}/admin/views/connections.js`)).headers.get('content-type'), /^text\/javascript/);
  for (const p of ['/admin/../package.json', '/admin/%2e%2e/package.json', '/admin/..%2fjs/node/serve.js', '/admin/nope.js']) {
    assert.equal((await fetch(`${app.url}${p}`)).status, 404, p);
  }
  const root = await fetch(`${app.url}/`, { redirect: 'manual' });
  assert.equal(root.status, 302);
  assert.equal(root.headers.get('location'), '/admin/');
});

test('/jira-sim is the in-process simulator; /healthz reports the store', async (t) => {
  const app = await start(t);
  const me = await fetch(`${app.url}/jira-sim/rest/api/3/myself`, { headers: { authorization: `Basic ${Buffer.from('admin@example.com:sim-api-token').toString('base64')}` } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).emailAddress, 'admin@example.com');
  assert.deepEqual(await (await fetch(`${app.url}/healthz`)).json(), { ok: true, store: 'sqlite' });
  assert.equal((await fetch(`${app.url}/nowhere`)).status, 404);
});

test('request logs name method, path and status, never tokens, queries or bodies', async (t) => {
  const app = await start(t);
  const secret = secretOf(app.banner);
  await fetch(`${app.url}/scim/c1/v2/Users?filter=userName%20eq%20%22secret-user%22`, { headers: { authorization: 'Bearer tok-c1-1' } });
  await fetch(`${app.url}/admin/api/connections.rotate`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: '{"id":"c1"}' });
  await new Promise((r) => setTimeout(r, 20));
  const http = app.lines.filter((l) => l.event === 'http');
  assert.ok(http.some((l) => l.method === 'GET' && l.path === '/scim/c1/v2/Users' && l.status === 200));
  const text = JSON.stringify(app.lines);
  for (const s of ['tok-c1-1', 'tok-c1-2', secret, 'secret-user', 'Bearer']) assert.ok(!text.includes(s), s);
});

test('stop(): an in-flight request finishes, new connections are refused, the drain stops, the store closes', async (t) => {
  const core = fakeCore();
  let release;
  core.handle = async () => {
    await new Promise((r) => { release = r; });
    return { status: 201, headers: [], body: 'done' };
  };
  const app = await start(t, { core });
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(core.drains >= 1, 'the drain loop ran');
  const inflight = fetch(`${app.url}/scim/c1/v2/Users`, { method: 'POST', body: '{}' });
  while (!release) await new Promise((r) => setTimeout(r, 5));
  const stopped = app.stop('test');
  await new Promise((r) => setTimeout(r, 20));
  await assert.rejects(fetch(`${app.url}/healthz`));
  release();
  const r = await inflight;
  assert.equal(r.status, 201);
  assert.equal(await r.text(), 'done');
  await stopped;
  const drains = core.drains;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(core.drains, drains, 'no drain after stop');
  assert.ok(app.lines.some((l) => l.event === 'stopped'));
});
