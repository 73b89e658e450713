// The harness page in Debian's Chromium: it loads the real WASM build from the built static
// files, shows the simulated Jira site, keeps state in IndexedDB across reloads, resets,
// also runs mounted at /harness, stays readable at laptop widths, and logs no console error.
// The IndexedDB store is checked against the core's KV contract inside the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildHarness } from '../../../js/browser/build.mjs';
import { launch, watchConsole, openHarness, serve, screenshot } from './helpers.mjs';

const cargoVersion = readFileSync(new URL('../../../Cargo.toml', import.meta.url), 'utf8').match(/^version = "([^"]+)"/m)[1];

let out;
let server;
let browser;
let page;
let errors;

before(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'usersync-harness-'));
  buildHarness(out);
  server = await serve({ dir: out });
  browser = await launch();
  page = await browser.context.newPage();
  errors = watchConsole(page);
  await openHarness(page, `${server.url}/`);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const userRow = (email) => page.locator(`#view-jira tr[data-email="${email}"]`);

/** Creates a Jira account through the page's simulator, as the demo admin. */
function createJiraUser(email, displayName) {
  return page.evaluate(async ({ email, displayName }) => {
    const { jira } = globalThis.usersync;
    const res = await jira.fetch('http://jira-sim.localhost/rest/api/3/user', {
      method: 'POST',
      headers: { authorization: `Basic ${btoa('admin@example.com:sim-api-token')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ emailAddress: email, displayName, products: ['jira-software'] }),
    });
    return { status: res.status, body: await res.json() };
  }, { email, displayName });
}

test('the built page loads the WASM core and shows the demo Jira site', async () => {
  assert.equal(await page.textContent('#core-version'), `core ${cargoVersion}`);
  assert.equal(await userRow('admin@example.com').getAttribute('data-active'), 'true');
  assert.equal(await userRow('dana@example.com').getAttribute('data-active'), 'false');
  assert.equal(await page.locator('#view-jira tr[data-desk="DEMO"]').textContent(), 'DEMO: Demo service projectcarol@customer.example');
  assert.equal(await page.locator('#steps li').count(), 12, 'the Okta 2.0 presets');
});

test('a preset fills the request editor with its fixture body', async () => {
  await page.click('#steps li[data-step="1"] button.link');
  assert.equal(await page.inputValue('#req-method'), 'POST');
  assert.equal(await page.inputValue('#req-path'), '/Users');
  assert.equal(JSON.parse(await page.inputValue('#req-body')).userName, 'ada.lovelace@example.com');
  assert.match(await page.textContent('#req-source'), /okta\/create_user\.json/);
  await page.click('#lifecycles [data-lifecycle="entra"]');
  await page.click('#steps li[data-step="5"] button.link');
  assert.equal(await page.inputValue('#req-path'), '/Users/{{kim}}');
  await page.click('#lifecycles [data-lifecycle="okta"]');
});

test('the simulated Jira site survives a reload, and new ids after it are new', async () => {
  const first = await createJiraUser('harness.one@example.com', 'Harness One');
  assert.equal(first.status, 201);
  await page.click('#refresh');
  assert.equal(await userRow('harness.one@example.com').getAttribute('data-products'), 'jira-software');

  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await userRow('harness.one@example.com').getAttribute('data-products'), 'jira-software');
  const second = await createJiraUser('harness.two@example.com', 'Harness Two');
  assert.equal(second.status, 201);
  assert.notEqual(second.body.accountId, first.body.accountId);
});

test('the page is readable at laptop widths: nothing overflows sideways', async () => {
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than a ${width}px window`);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, 'harness-page');
});

test('reset empties the store and the simulated site', async () => {
  await Promise.all([page.waitForEvent('load'), page.click('#reset')]);
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await userRow('harness.one@example.com').count(), 0);
  assert.equal(await userRow('admin@example.com').count(), 1, 'back to the demo site');
});

test('mounted at /harness the page starts the same way', async () => {
  const mounted = await browser.context.newPage();
  const mountedErrors = watchConsole(mounted);
  await openHarness(mounted, `${server.url}/harness/`);
  assert.equal(await mounted.textContent('#core-version'), `core ${cargoVersion}`);
  await mounted.close();
  assert.deepEqual(mountedErrors, []);
});

// The core's KV contract (src/host/mod.rs), run inside the page against IndexedDB.
const KV_CASES = [
  'get of a missing key is null',
  'set then get; set overwrites',
  'create writes only when absent and says which happened',
  'twenty concurrent creates of one key: exactly one wins',
  'delete removes; deleting a missing key is not an error',
  'list returns only keys under the prefix, in key order',
  'list pages hold at most 20 and the cursor walks the rest once',
  'secrets are apart from data and never listed',
  'keys outside the contract are refused',
  'a value over 240 KiB as a JSON string is refused; one at the limit is kept',
  'a cursor that list did not hand out is refused',
];

for (const name of KV_CASES) {
  test(`IndexedDB KV: ${name}`, async () => {
    const result = await page.evaluate(runKvCase, { name, db: `kv-contract-${KV_CASES.indexOf(name)}` });
    assert.equal(result, 'ok');
  });
}

test('no console errors on the way', () => {
  assert.deepEqual(errors, []);
});

/** Runs in the page: one KV contract case on a fresh database; 'ok' or what went wrong. */
async function runKvCase({ name, db }) {
  const { openIdbStore } = await import(new URL('kv.js', document.baseURI).href);
  await new Promise((resolve) => { const r = indexedDB.deleteDatabase(db); r.onsuccess = r.onerror = resolve; });
  const s = await openIdbStore(db);
  const eq = (a, b, what) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what}: expected ${JSON.stringify(b)}, found ${JSON.stringify(a)}`);
  };
  const rejects = async (p, kind, what) => {
    try {
      await p;
    } catch (err) {
      if (err.kind !== kind) throw new Error(`${what}: expected ${kind}, found ${err.kind}: ${err.message}`);
      return;
    }
    throw new Error(`${what}: expected ${kind}, it succeeded`);
  };
  const walk = async (prefix, limit) => {
    const pages = [];
    let cursor = null;
    do {
      const page = await s.list(prefix, cursor, limit);
      pages.push(page.entries);
      cursor = page.cursor;
    } while (cursor && pages.length < 100);
    return pages;
  };
  const cases = {
    'get of a missing key is null': async () => eq(await s.get('nope'), null, 'get'),
    'set then get; set overwrites': async () => {
      await s.set('u:c1:1', '{"a":1}');
      eq(await s.get('u:c1:1'), '{"a":1}', 'first');
      await s.set('u:c1:1', 'second');
      eq(await s.get('u:c1:1'), 'second', 'second');
    },
    'create writes only when absent and says which happened': async () => {
      eq(await s.create('ix:c1:u:un:abc', 'user-1'), true, 'first create');
      eq(await s.create('ix:c1:u:un:abc', 'user-2'), false, 'second create');
      eq(await s.get('ix:c1:u:un:abc'), 'user-1', 'kept');
      await s.delete('ix:c1:u:un:abc');
      eq(await s.create('ix:c1:u:un:abc', 'user-3'), true, 'after delete');
    },
    'twenty concurrent creates of one key: exactly one wins': async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => s.create('race', `v${i}`)));
      eq(results.filter(Boolean).length, 1, 'winners');
      eq(await s.get('race'), `v${results.indexOf(true)}`, 'the winner\'s value');
    },
    'delete removes; deleting a missing key is not an error': async () => {
      await s.set('gone', 'x');
      await s.delete('gone');
      eq(await s.get('gone'), null, 'after delete');
      await s.delete('never-there');
    },
    'list returns only keys under the prefix, in key order': async () => {
      for (const k of ['g:c1:2', 'u:c1:b', 'u:c1:a', 'u:c10:x', 'u:c2:a', 'u:c1']) await s.set(k, k.toUpperCase());
      eq((await s.list('u:c1:', null, 20)).entries, [['u:c1:a', 'U:C1:A'], ['u:c1:b', 'U:C1:B']], 'u:c1:');
      eq((await s.list('', null, 20)).entries.length, 6, 'empty prefix walks everything');
    },
    'list pages hold at most 20 and the cursor walks the rest once': async () => {
      for (let i = 0; i < 45; i++) await s.set(`ob:c1:${String(i).padStart(3, '0')}`, String(i));
      await s.set('ob:c2:000', 'other');
      const pages = await walk('ob:c1:', 50);
      eq(pages.map((p) => p.length), [20, 20, 5], 'page sizes');
      eq(pages.flat().map(([, v]) => Number(v)), Array.from({ length: 45 }, (_, i) => i), 'each once, in order');
      eq((await walk('ob:c1:', 7)).length, 7, 'a smaller limit');
    },
    'secrets are apart from data and never listed': async () => {
      await s.setSecret('site:c1:token', 's3cret');
      eq(await s.getSecret('site:c1:token'), 's3cret', 'getSecret');
      eq(await s.get('site:c1:token'), null, 'not in data');
      eq((await s.list('', null, 20)).entries, [], 'not listed');
      eq(await s.getSecret('missing'), null, 'missing secret');
    },
    'keys outside the contract are refused': async () => {
      for (const key of ['', 'a/b', 'é', '   ', 'x'.repeat(501), 'a\vb']) await rejects(s.set(key, 'v'), 'InvalidKey', JSON.stringify(key));
      await s.set('ok key: with.all_the-allowed #chars', 'v');
      await s.set('k'.repeat(500), 'v');
      await rejects(s.list('a/', null, 20), 'InvalidKey', 'prefix');
    },
    'a value over 240 KiB as a JSON string is refused; one at the limit is kept': async () => {
      const max = 240 * 1024;
      await s.set('big', 'x'.repeat(max - 2));
      eq((await s.get('big')).length, max - 2, 'at the limit');
      await rejects(s.set('big', 'x'.repeat(max - 1)), 'ValueTooLarge', 'one over');
      await rejects(s.set('big', '"'.repeat(max / 2)), 'ValueTooLarge', 'escapes count');
      await rejects(s.create('big2', 'é'.repeat(max / 2)), 'ValueTooLarge', 'UTF-8 bytes count');
    },
    'a cursor that list did not hand out is refused': async () => {
      await rejects(s.list('u:', 'made-up', 20), 'InvalidCursor', 'cursor');
    },
  };
  try {
    await cases[name]();
    return 'ok';
  } catch (err) {
    return err.message;
  } finally {
    s.close();
    indexedDB.deleteDatabase(db);
  }
}
