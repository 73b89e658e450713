// The Okta 2.0 lifecycle through the real WASM core in Chromium, as a user drives the page:
// settings changed in the page, then every preset in order, each checked against what the
// Jira view shows; then a reload, and both the Jira site and the core's SCIM state are still
// there (IndexedDB). No console errors; a screenshot is saved under test-results/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchConsole, openHarness, serve, screenshot } from './helpers.mjs';

let server;
let browser;
let page;
let errors;

before(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.context.newPage();
  errors = watchConsole(page);
  await openHarness(page, `${server.url}/harness/`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const ADA = 'ada.lovelace@example.com';
const ALAN = 'alan.turing@example.com';

/** What the Jira view shows for one user: {active, products} or null when absent. */
async function jiraUser(email) {
  const row = page.locator(`#view-jira tr[data-email="${email}"]`);
  if (await row.count() === 0) return null;
  return { active: await row.getAttribute('data-active') === 'true', products: (await row.getAttribute('data-products')).split(' ').filter(Boolean) };
}

/** The members (emails) of a Jira group as the view shows them, or null when absent. */
async function jiraGroup(name) {
  const row = page.locator(`#view-jira tr[data-group="${name}"]`);
  if (await row.count() === 0) return null;
  return (await row.getAttribute('data-members')).split(' ').filter(Boolean).sort();
}

async function runStep(i) {
  await page.click(`#steps li[data-step="${i}"] button.run`);
  await page.waitForSelector(`#steps li[data-step="${i}"] .result`);
  return page.getAttribute(`#steps li[data-step="${i}"] .result`, 'data-status');
}

// [step label, expected status(es), what Jira shows afterwards]
const OKTA = [
  ['Test credentials', [200], async () => {
    assert.equal(await jiraUser(ADA), null);
  }],
  ['Create Ada', [201], async () => {
    assert.deepEqual(await jiraUser(ADA), { active: true, products: ['jira-software'] });
  }],
  ['Create Alan', [201], async () => {
    assert.deepEqual(await jiraUser(ALAN), { active: true, products: ['jira-software'] });
  }],
  ['Update Ada (PUT)', [200], async () => {
    assert.deepEqual(await jiraUser(ADA), { active: true, products: ['jira-software'] });
  }],
  ['Deactivate Ada', [200, 204], async () => {
    assert.equal((await jiraUser(ADA)).active, false, 'suspended, as the settings say');
    assert.equal((await jiraUser(ALAN)).active, true);
  }],
  ['Reactivate Ada', [200, 204], async () => {
    assert.deepEqual(await jiraUser(ADA), { active: true, products: ['jira-software'] });
  }],
  ['Push group Research', [201], async () => {
    assert.deepEqual(await jiraGroup('Research'), []);
  }],
  ['Add Alan to the group', [200, 204], async () => {
    assert.deepEqual(await jiraGroup('Research'), [ALAN]);
  }],
  ['Push members Ada + Alan', [200, 204], async () => {
    assert.deepEqual(await jiraGroup('Research'), [ADA, ALAN]);
  }],
  ['Remove Alan from the group', [200, 204], async () => {
    assert.deepEqual(await jiraGroup('Research'), [ADA]);
  }],
  ['Rename the group', [200, 204], async () => {
    assert.deepEqual(await jiraGroup('Platform Engineering'), [ADA], 'recreated under the new name');
    assert.equal(await jiraGroup('Research'), null);
  }],
  ['Delete the group', [204], async () => {
    assert.equal(await jiraGroup('Platform Engineering'), null, 'deleted, as the settings say');
  }],
];

test('settings changed in the shared admin UI: suspend on deactivation, delete Jira groups', async () => {
  await page.click('#views [data-view="admin"]');
  const admin = page.frameLocator('#admin-frame');
  await admin.locator('select[aria-label="Connection"]').selectOption({ label: 'Okta 2.0 (okta)' });
  await admin.locator('#nav a[href="#policies"]').click();
  await admin.locator('h2:has-text("Okta 2.0")').waitFor();
  await admin.locator('select[name="deactivation"]').selectOption('suspend');
  await admin.locator('select[name="groupDelete"]').selectOption('delete');
  await admin.locator('button[type="submit"]:has-text("Save")').click();
  await admin.locator('.note:has-text("Saved.")').waitFor();
  const conn = await page.evaluate(() => usersync.core.call('connections.get', { id: usersync.session.defaultFor('okta') }));
  assert.equal(conn.policies.deactivation, 'suspend');
  assert.equal(conn.policies.groupDelete, 'delete');
  await page.click('#views [data-view="jira"]');
});

test('the Okta 2.0 presets, in order, change Jira as each step says', async () => {
  const labels = await page.locator('#steps li button.link').allTextContents();
  assert.deepEqual(labels, OKTA.map(([label]) => label));
  for (const [i, [label, statuses, check]] of OKTA.entries()) {
    const status = await runStep(i);
    assert.ok(statuses.includes(Number(status)), `${label}: status ${status}: ${await page.textContent('#response')}`);
    await check().catch((err) => { err.message = `after "${label}": ${err.message}`; throw err; });
  }
  await screenshot(page, 'harness-okta-lifecycle');
});

test('the audit log lists the SCIM requests and the Jira work; the outbox is empty', async () => {
  await page.click('#views [data-view="audit"]');
  await page.waitForSelector('#view-audit tr[data-kind]');
  assert.equal(await page.locator('#view-audit tr[data-kind="scim"]').count(), OKTA.length);
  const jiraWork = await page.locator('#view-audit tr[data-kind="jira"]').allTextContents();
  assert.ok(jiraWork.some((row) => row.includes('POST /rest/api/3/user → 201')), 'the account creation is audited');
  await page.click('#views [data-view="outbox"]');
  await page.waitForSelector('#view-outbox h3');
  assert.match(await page.textContent('#view-outbox'), /Queued \(0\).*Nothing queued.*Dead letters \(0\)/s);
  await page.click('#views [data-view="jira"]');
});

test('after a reload the Jira site and the core\'s SCIM state are still there', async () => {
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.deepEqual(await jiraUser(ADA), { active: true, products: ['jira-software'] });
  assert.deepEqual(await jiraUser(ALAN), { active: true, products: ['jira-software'] });
  await page.fill('#req-path', `/Users?filter=${encodeURIComponent(`userName eq "${ADA}"`)}`);
  await page.click('#req-send');
  await page.waitForSelector('#response-body');
  const list = JSON.parse(await page.textContent('#response-body'));
  assert.equal(list.totalResults, 1);
  assert.equal(list.Resources[0].name.middleName, 'King', 'the PUT update was kept');
});

test('a dry run lists the Jira calls and changes nothing', async () => {
  await page.click('#steps li[data-step="1"] button.link'); // Create Ada again
  const body = JSON.parse(await page.inputValue('#req-body'));
  await page.fill('#req-body', JSON.stringify({ ...body, userName: 'grace.hopper@example.com', emails: [{ primary: true, value: 'grace.hopper@example.com', type: 'work' }] }));
  await page.check('#req-dry-run');
  await page.click('#req-send');
  await page.waitForSelector('#response .status:has-text("dry run")');
  assert.match(await page.textContent('#response .status'), /^201 \(dry run/);
  assert.ok(await page.locator('#calls tbody tr').count() > 0, 'the core says which Jira calls it would make');
  await page.click('#refresh');
  assert.equal(await jiraUser('grace.hopper@example.com'), null, 'nothing was created');
  await page.uncheck('#req-dry-run');
});

/** Runs every step of a lifecycle with the page's button; resolves the statuses by label. */
async function runAll(lifecycle) {
  await page.click(`#lifecycles [data-lifecycle="${lifecycle}"]`);
  const n = await page.locator('#steps li').count();
  await page.click('#run-all');
  await page.waitForSelector(`#steps li[data-step="${n - 1}"] .result`);
  return page.$$eval('#steps li', (lis) => lis.map((li) => [li.querySelector('button.link').textContent, li.querySelector('.result').dataset.status]));
}

test('the Okta 1.1 and Entra presets run end to end on their own connections', async () => {
  for (const [lifecycle, check] of [
    ['okta11', async () => {
      assert.deepEqual(await jiraUser('grace.hopper@example.com'), { active: true, products: ['jira-software'] });
      assert.deepEqual(await jiraGroup('Analytical Engine Team'), [], 'renamed; Ada added, then removed');
    }],
    ['entra', async () => {
      assert.deepEqual(await jiraUser('ravi.patel@contoso.example'), { active: true, products: ['jira-software'] });
      assert.deepEqual(await jiraGroup('Finance Approvers (EMEA)'), ['kim.reyes@contoso.example'], 'renamed; Ravi removed by value');
    }],
  ]) {
    const results = await runAll(lifecycle);
    const failed = results.filter(([, status]) => !/^2\d\d$/.test(status));
    assert.deepEqual(failed, [], `${lifecycle}: every step answers 2xx`);
    await check();
  }
});

test('Customer Sync: a connection made in the admin UI, its group mapped to a desk, fed by the Entra presets', async () => {
  await Promise.all([page.waitForEvent('load'), page.click('#reset')]);
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#views [data-view="admin"]');
  const admin = page.frameLocator('#admin-frame');
  await admin.locator('input[name="name"]').fill('Entra customers');
  await admin.locator('select[name="idp"]').selectOption('entra');
  await admin.locator('select[name="mode"]').selectOption('customer');
  await admin.locator('button:has-text("Create connection")').click();
  await admin.locator('select[aria-label="Connection"]').selectOption({ label: 'Entra customers (entra)' });
  await admin.locator('#nav a[href="#mappings"]').click();
  await admin.locator('button:has-text("Add mapping")').click();
  await admin.locator('input[aria-label="IdP group"]').fill('Treasury');
  await admin.locator('select[aria-label="Service desks"]').selectOption({ label: 'IT help desk (IT)' });
  await admin.locator('button:has-text("Save mappings")').click();
  await admin.locator('.note:has-text("Saved 1 mapping")').waitFor();

  await page.click('#views [data-view="jira"]');
  await page.click('#lifecycles [data-lifecycle="entra"]');
  await page.locator('#req-connection').focus();
  await page.selectOption('#req-connection', { label: 'Entra customers' });
  for (const label of ['Create Kimberly', 'Create Ravi', 'Provision group Treasury', 'Add Kimberly and Ravi']) {
    const i = (await page.locator('#steps li button.link').allTextContents()).indexOf(label);
    const status = await runStep(i);
    assert.match(status, /^2\d\d$/, `${label}: ${await page.textContent('#response')}`);
  }
  const desk = await page.locator('#view-jira tr[data-desk="IT"]').textContent();
  assert.match(desk, /kim\.reyes@contoso\.example/);
  assert.match(desk, /ravi\.patel@contoso\.example/);
  assert.equal(await jiraUser('kim.reyes@contoso.example').then((u) => u?.products.length ?? 0), 0, 'a customer, not a licensed user');
});

test('no console errors on the way', () => {
  assert.deepEqual(errors, []);
});
