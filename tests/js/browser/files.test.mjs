// The harness as static files: what build.mjs writes and what the handler that
// `usersync serve` mounts at /harness answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { harnessFiles, moduleGraph } from '../../../js/browser/files.mjs';
import { buildHarness } from '../../../js/browser/build.mjs';
import { serve } from './helpers.mjs';

test('the file set is the page, every module it imports, its style and the WASM build', () => {
  const files = harnessFiles();
  for (const rel of ['index.html', 'js/browser/index.html', 'js/browser/main.js', 'js/browser/kv.js',
    'js/browser/style.css', 'js/core/index.mjs', 'js/jira-sim/browser.js', 'js/jira-sim/routes/users.js',
    'pkg/web/usersync.js', 'pkg/web/usersync_bg.wasm']) {
    assert.ok(files.has(rel), `missing ${rel}`);
  }
  // Node-only modules stay out: the page never imports them.
  for (const rel of ['js/jira-sim/serve.js', 'js/jira-sim/cli.js', 'js/browser/serve.mjs', 'js/browser/tools/presets.mjs']) {
    assert.ok(!files.has(rel), `${rel} should not be served`);
  }
  assert.equal(files.get('pkg/web/usersync_bg.wasm').type, 'application/wasm');
  assert.match(files.get('index.html').content, /<base href="js\/browser\/">/);
});

test('the import graph follows relative imports across folders', () => {
  const graph = moduleGraph('js/browser/main.js');
  assert.ok(graph.includes('js/jira-sim/state.js'), 'reached through jira.js → browser.js → create.js → sim.js');
  assert.ok(graph.every((p) => !p.includes('..')), 'paths are normalised');
});

test('build.mjs writes the file set as a directory', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'usersync-harness-'));
  try {
    const written = buildHarness(out);
    assert.equal(written.length, harnessFiles().size);
    assert.ok(readdirSync(path.join(out, 'pkg', 'web')).includes('usersync_bg.wasm'));
    assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /<base href="js\/browser\/">/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the mounted handler serves under its prefix and leaves other paths alone', async () => {
  const server = await serve();
  try {
    const get = (p) => fetch(server.url + p, { redirect: 'manual' });
    const redirect = await get('/harness');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/harness/');
    const page = await get('/harness/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.match(await page.text(), /<base href="js\/browser\/">/);
    const wasm = await get('/harness/pkg/web/usersync_bg.wasm');
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.ok((await wasm.arrayBuffer()).byteLength > 0);
    assert.equal((await get('/harness/js/browser/main.js')).headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await get('/harness/js/jira-sim/serve.js')).status, 404, 'not in the file set');
    assert.equal((await get('/harness/../Cargo.toml')).status, 404);
    assert.equal((await get('/elsewhere')).status, 404, 'not the handler\'s: falls through');
    assert.equal((await fetch(`${server.url}/harness/index.html`, { method: 'POST' })).status, 405);
  } finally {
    await server.close();
  }
});
