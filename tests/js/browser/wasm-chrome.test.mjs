// The core's own wasm-bindgen tests, in headless Chromium through Debian's chromedriver: the
// same Rust tests `npm test` runs on wasm32 in Node, now in the browser the harness targets.
// They reuse the wasm32 test build of the Node run (same flags), so this costs seconds.
//
// WASM_BINDGEN_USE_BROWSER=1 is what moves them: the tests are not configured
// `run_in_browser`, and without it the runner prints a notice, skips, and exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { root, wasmConfig, wasmEnv } from '../../../js/build/config.mjs';

const CHROMEDRIVER = '/usr/bin/chromedriver';

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('the core\'s wasm-bindgen tests pass in headless Chromium', { timeout: 20 * 60_000 }, async () => {
  assert.ok(existsSync(CHROMEDRIVER), `${CHROMEDRIVER} is missing: apt-get install -y chromium-driver`);
  const env = { ...wasmEnv(await wasmConfig()), WASM_BINDGEN_USE_BROWSER: '1', CHROMEDRIVER };
  const { code, out } = await run('wasm-pack', ['test', '--headless', '--chrome', '--chromedriver', CHROMEDRIVER], env);
  const tail = out.slice(-3000);
  assert.equal(code, 0, tail);
  assert.match(out, /Running headless tests in Chrome/, tail);
  assert.doesNotMatch(out, /only configured to run in node\.js/, 'the tests were skipped, not run in the browser');
  const passed = [...out.matchAll(/test result: ok\. (\d+) passed/g)].reduce((n, m) => n + Number(m[1]), 0);
  assert.ok(passed > 0, `no test ran in Chromium:\n${tail}`);
  assert.doesNotMatch(out, /FAILED|panicked/, tail);
});
