// Reads wasm-pack.toml, the one home of the WASM build settings, and the pinned
// wasm-bindgen version from Cargo.lock.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The parsed wasm-pack.toml (smol-toml is loaded lazily: bootstrap runs before npm ci). */
export async function wasmConfig() {
  const { parse } = await import('smol-toml');
  return parse(readFileSync(path.join(root, 'wasm-pack.toml'), 'utf8'));
}

/** The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly. */
export function lockedWasmBindgenVersion() {
  const lock = readFileSync(path.join(root, 'Cargo.lock'), 'utf8');
  const m = lock.match(/\[\[package\]\]\s*name = "wasm-bindgen"\s*version = "([^"]+)"/);
  if (!m) throw new Error('Cargo.lock has no wasm-bindgen package');
  return m[1];
}

/** Environment for wasm32 cargo runs: wasm-pack.toml's [build].rustflags, encoded so
 * that no flag needs shell quoting, and its [profile] as the build profile's settings. */
export function wasmEnv(config) {
  const prefix = `CARGO_PROFILE_${config.build.profile.toUpperCase()}_`;
  const profile = Object.entries(config.profile ?? {}).map(([k, v]) => [prefix + k.toUpperCase(), String(v)]);
  return { ...process.env, ...Object.fromEntries(profile), CARGO_ENCODED_RUSTFLAGS: config.build.rustflags.join('\x1f') };
}
