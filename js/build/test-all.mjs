// `npm test`: the native Rust tests, the same core tests on wasm32 (wasm-bindgen-test in
// Node), then the JS tests (node:test) against the built package.
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

run('cargo', ['test', '--all-targets']);
run('wasm-pack', ['test', '--node'], { env: wasmEnv(config) });
run(process.execPath, ['--test', '--test-reporter=spec', ...jsTests()]);
