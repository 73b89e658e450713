// Makes a fresh machine (OS, rustup, Node 20, npm) ready for `npm start` and `npm test`:
// the wasm32 target, the wasm-bindgen CLI at Cargo.lock's version, wasm-pack, npm
// packages, then the WASM build (which skips itself when its inputs are unchanged).
// Uses only Node built-ins until `npm ci` has run.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { root, lockedWasmBindgenVersion } from './config.mjs';
import { run, output } from './run.mjs';

function ensureWasmTarget() {
  const installed = output('rustup', ['target', 'list', '--installed']) ?? '';
  if (!installed.split('\n').includes('wasm32-unknown-unknown')) {
    console.log('bootstrap: adding the wasm32-unknown-unknown target');
    run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
  }
}

function ensureCargoTool(crate, binary, version) {
  const current = output(binary, ['--version']);
  if (current && (!version || current.split(/\s+/)[1] === version)) return;
  const pinned = version ? ['--version', version] : [];
  console.log(`bootstrap: cargo install ${crate} ${version ?? ''} (takes a few minutes, once)`);
  run('cargo', ['install', crate, ...pinned, '--force']);
}

function ensureNpmPackages() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('bootstrap: npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

if (!existsSync(path.join(root, 'Cargo.lock'))) run('cargo', ['generate-lockfile']);
ensureWasmTarget();
ensureCargoTool('wasm-bindgen-cli', 'wasm-bindgen', lockedWasmBindgenVersion());
ensureCargoTool('wasm-pack', 'wasm-pack');
ensureNpmPackages();
await import('./build-wasm.mjs');
