// The admin page as Jira would show it: target/forge/admin-page (the Custom UI resource:
// the shared admin UI, the bridge transport and @forge/bridge, bundled) in a real browser
// (playwright-core driving Debian's chromium). The page's `__bridge` stands in for Jira's
// host frame and hands `invoke` to the resolver function of the functions bundle, which
// runs on the runtime shim with the real core and the Jira simulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildForge, root } from '../../../js/forge/build.mjs';
import { createJiraSim } from '../../../js/jira-sim/index.js';
import { createForgeRuntime, loadManifest } from './runtime-shim.mjs';

/** Debian's chromium (test tools can't download browsers here); CHROMIUM_PATH overrides. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
const SITE = 'https://acme.atlassian.net';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
let forge;
let app;
let server;
let pageUrl;

before(async () => {
  const { functions, adminPage } = await buildForge();
  const manifest = await loadManifest(path.join(root, 'manifest.yml'));
  forge = createForgeRuntime({ manifest, sim: createJiraSim({ baseUrl: SITE }), siteUrl: SITE }).install();
  app = forge.require(functions);
  forge.connectBridge(app.admin, { moduleKey: 'admin' });
  // Jira serves the resource's files as they are: a static server does the same here.
  server = createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html');
    const file = path.join(adminPage, path.normalize(name));
    if (!file.startsWith(adminPage) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  pageUrl = `http://127.0.0.1:${server.address().port}/`;
});
after(() => {
  server?.close();
  forge?.uninstall();
});

test('admin page: the shared UI over the bridge creates a connection whose token opens the web trigger', async (t) => {
  assert.ok(CHROMIUM, 'chromium is not installed (apt-get install chromium), or set CHROMIUM_PATH');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  const foreign = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (!r.url().startsWith(pageUrl)) foreign.push(r.url()); });
  const calls = [];
  // Jira's host frame: @forge/bridge calls window.__bridge.callBridge('invoke', {functionKey, payload}).
  await page.exposeFunction('__toResolver', (op, args) => {
    calls.push(args?.payload?.method);
    return globalThis.__bridge.callBridge(op, args);
  });
  await page.addInitScript(() => {
    window.__bridge = { callBridge: (op, args) => window.__toResolver(op, args) };
  });

  await page.goto(pageUrl);
  await page.getByRole('heading', { name: 'IdP connections' }).waitFor();
  assert.equal(await page.getByLabel('Admin secret').count(), 0, 'no sign-in: Jira shows the page to admins only');

  await page.getByLabel('Name', { exact: true }).fill('Okta from Jira');
  await page.getByRole('button', { name: 'Create connection' }).click();
  await page.getByText('The token is shown only this once').waitFor();
  const baseUrl = await page.getByLabel('SCIM base URL').first().inputValue();
  const token = await page.getByLabel('API token (Bearer)').inputValue();
  assert.ok(baseUrl.startsWith(forge.webTriggerUrl('scim')), `${baseUrl} is under the web trigger URL`);

  const basePath = baseUrl.slice(forge.webTriggerUrl('scim').length);
  const res = await forge.trigger(app.scim, { method: 'GET', path: `${basePath}/Users`, headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(JSON.parse(res.body).totalResults, 0);

  // The other views read the core through the same resolver: the request just made is audited.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('cell', { name: /GET/ }).first().waitFor();
  await page.getByRole('link', { name: 'Outbox' }).click();
  await page.getByText('Nothing waiting: Jira is up to date with the IdP.').waitFor();
  await page.getByRole('link', { name: 'Jira', exact: true }).click();
  await page.getByRole('button', { name: /Save/ }).first().waitFor();
  assert.equal(await page.locator('.note.error').count(), 0, await page.locator('.note.error').allTextContents().then((t) => t.join('; ')));

  for (const method of ['host.info', 'connections.create', 'audit.list', 'outbox.list', 'deadLetters.list', 'jira.get']) {
    assert.ok(calls.includes(method), `the page called ${method} (calls: ${calls})`);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, [], 'the page loads nothing from elsewhere');
});
