// `npm test`: the native Rust tests, the same core tests on wasm32 (wasm-bindgen-test in
// Node), then the JS tests (node:test) against the built package, with the services they
// drive (Debian's chromium, a private PostgreSQL) installed and started first.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { root, wasmConfig, wasmEnv } from './config.mjs';
import { run } from './run.mjs';

const config = await wasmConfig();

/** Every *.test.mjs under tests/js, so a new test file needs no registration. */
function jsTests(dir = path.join(root, 'tests', 'js')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsTests(full);
    return entry.name.endsWith('.test.mjs') ? [path.relative(root, full)] : [];
  }).sort();
}

/** Chromium and PostgreSQL for the browser and multi-node tests; the server's URL. */
function testServices() {
  run('bash', ['js/build/system-packages.sh']);
  if (process.env.USERSYNC_TEST_DATABASE_URL) return process.env.USERSYNC_TEST_DATABASE_URL;
  const pgSetup = path.join(root, 'tests', 'js', 'node', 'pg-setup.sh');
  return execFileSync('bash', [pgSetup], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

run('cargo', ['test', '--all-targets']);
run('wasm-pack', ['test', '--node'], { env: wasmEnv(config) });
const env = { ...process.env, USERSYNC_TEST_DATABASE_URL: testServices() };
run(process.execPath, ['--test', '--test-reporter=spec', ...jsTests()], { env });
