// The admin UI in a real browser (playwright-core driving Debian's chromium) against
// `serve` with the real core: sign in, create a connection, read its token, map a group,
// provision with that token, and find the user in the audit log and in the simulated Jira.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../../js/node/serve.js';
import { configFromEnv } from '../../../js/node/config.js';
import { tempDir } from './helpers.mjs';

/** Debian's chromium (test tools can't download browsers here); CHROMIUM_PATH overrides. */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

test('admin UI: sign in, create a connection, map a group, provision, see it audited and in Jira', async (t) => {
  assert.ok(CHROMIUM, 'chromium is not installed (apt-get install chromium), or set CHROMIUM_PATH');
  let banner = '';
  const config = { ...configFromEnv({ PORT: '0', HOST: '127.0.0.1', USERSYNC_DB: path.join(tempDir(t), 'u.db') }), drainIntervalMs: 50 };
  const app = await serve(config, { out: { write: (s) => { banner += s; } }, log: () => {}, signals: false });
  t.after(() => app.stop());
  const secret = /admin secret\s+(\S+)/.exec(banner)[1];

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // 1. Sign in (a wrong secret first).
  await page.goto(`${app.url}/admin/`);
  await page.getByLabel('Admin secret').fill('usa_wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('That is not the admin secret.').waitFor();
  await page.getByLabel('Admin secret').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'IdP connections' }).waitFor();
  await page.getByText('Jira is simulated').waitFor();

  // 2-3. Create a connection; read its base URL and token from the shown-once panel.
  await page.getByLabel('Name', { exact: true }).fill('Entra UI');
  await page.getByLabel('Identity provider').selectOption('entra');
  await page.getByRole('button', { name: 'Create connection' }).click();
  await page.getByText('The token is shown only this once').waitFor();
  const baseUrl = await page.getByLabel('SCIM base URL').first().inputValue();
  const token = await page.getByLabel('API token (Bearer)').inputValue();
  assert.match(baseUrl, new RegExp(`^${app.url}/scim/[0-9a-f]+/v2$`));

  // 4. Map the IdP group "Engineering" to the Jira group "developers" (picked from Jira).
  await page.getByRole('link', { name: 'Group mappings' }).click();
  await page.getByRole('button', { name: 'Add mapping' }).click();
  await page.getByLabel('IdP group').fill('Engineering');
  await page.getByLabel('Jira groups').selectOption(['developers']);
  await page.getByRole('button', { name: 'Save mappings' }).click();
  await page.getByText('Saved 1 mapping(s).').waitFor();

  // 4b. The site's product-access groups carry a suffix: set them as a policy.
  await page.getByRole('link', { name: 'Provisioning' }).click();
  await page.getByLabel('Product-access groups').fill('jira-software-users-mysite, jira-servicemanagement-users-mysite');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  const adminCall = async (method, args) => (await (await fetch(`${app.url}/admin/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: JSON.stringify(args) })).json()).result;
  const listed = (await adminCall('connections.list', {})).find((c) => c.name === 'Entra UI');
  assert.deepEqual(listed.policies.productAccessGroups, ['jira-software-users-mysite', 'jira-servicemanagement-users-mysite']);

  // 4c. A dry run from the admin UI asks for no SCIM token.
  await page.getByRole('link', { name: 'Dry run' }).click();
  assert.equal(await page.getByLabel('SCIM token').count(), 0, 'no token prompt');
  await page.getByRole('button', { name: 'Dry run' }).click();
  await page.getByText(/SCIM answer 201; 2 Jira call\(s\)\./).waitFor();
  await page.locator('pre.dry-run-calls', { hasText: 'GET /rest/api/3/user/search' }).waitFor();

  // 5. Provision with the token: a user, and the group with the user in it.
  const scim = (p, body) => fetch(`${baseUrl}${p}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' }, body: JSON.stringify(body) });
  const u = await scim('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'grace@example.com', emails: [{ value: 'grace@example.com', primary: true }], name: { givenName: 'Grace', familyName: 'Hopper' }, active: true });
  assert.equal(u.status, 201);
  const { id } = await u.json();
  assert.equal((await scim('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineering', members: [{ value: id }] })).status, 201);

  // 6. The audit log shows it; the simulated Jira has the account, in the mapped group.
  const until = Date.now() + 15_000;
  let account;
  while (!(account = app.sim.snapshot().users.find((x) => x.emailAddress === 'grace@example.com' && x.groups.includes('developers'))) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(account, 'grace is in Jira, in the mapped group developers');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('cell', { name: /SCIM POST .*\/Users/ }).first().waitFor();
  await page.getByRole('cell', { name: /Jira / }).first().waitFor();

  // 7. Reconcile: clean, then grace is taken out of developers in Jira; the check finds
  //    it through the mapping, and repair puts her back.
  await page.getByRole('link', { name: 'Reconcile' }).click();
  await page.getByRole('button', { name: 'Check for drift' }).click();
  await page.getByText('No drift: Jira matches the IdP.').waitFor();
  await page.getByText(/Checked 1 user, 1 group, 1 mapped Jira group in \d+ Jira call\(s\)\./).waitFor();
  const basic = `Basic ${Buffer.from('admin@example.com:sim-api-token').toString('base64')}`;
  const left = await fetch(`${app.url}/jira-sim/rest/api/3/group/user?groupname=developers&accountId=${account.accountId}`, { method: 'DELETE', headers: { authorization: basic } });
  assert.equal(left.status, 200, await left.text());
  await page.getByRole('button', { name: 'Check for drift' }).click();
  await page.getByText("1 difference(s) between the IdP's state and Jira.").waitFor();
  await page.getByRole('cell', { name: `Jira group developers · via IdP group` }).filter({ hasText: account.accountId }).waitFor();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Repair' }).click();
  await page.getByText(/1 repair task\(s\) queued/).waitFor();
  const back = Date.now() + 15_000;
  while (!app.sim.snapshot().users.find((x) => x.accountId === account.accountId).groups.includes('developers') && Date.now() < back) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(app.sim.snapshot().users.find((x) => x.accountId === account.accountId).groups.includes('developers'), 'repair put grace back');
  assert.deepEqual(errors, []);
});
