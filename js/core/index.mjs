// Loads the usersync WASM core once per runtime and re-exports its API.
// Node reads the bytes from disk; browsers fetch them next to the glue.
// Forge imports pkg/inline instead (bytes inlined, no loader needed).
import init from '../../pkg/web/usersync.js';

export * from '../../pkg/web/usersync.js';

const wasmUrl = new URL('../../pkg/web/usersync_bg.wasm', import.meta.url);
let loading;

/** Instantiates the module on first call; later calls share the same instance. */
export function load() {
  loading ??= (async () => {
    const isNode = typeof process === 'object' && process.versions?.node;
    const source = isNode ? await (await import('node:fs/promises')).readFile(wasmUrl) : wasmUrl;
    await init({ module_or_path: source });
  })();
  return loading;
}
