// Builds the Forge app offline, into target/forge/:
//   functions/index.cjs   src/index.js bundled with the webpack settings of Forge's own bundler
//                         (@forge/bundler's node runtime config), so what fails there fails here
//                         — a `.wasm` import, an `import.meta.url` asset — and the tests load it;
//   admin-page/           the Custom UI resource: the shared admin UI (js/admin/) with a
//                         transport over @forge/bridge `invoke` (admin-page/main.js).
// `node js/forge/build.mjs` builds both; buildForge() skips when no input changed, and waits
// for a build another process has started (node --test runs test files in parallel).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const OUT = path.join(root, 'target', 'forge');
export const FUNCTIONS_BUNDLE = path.join(OUT, 'functions', 'index.cjs');
export const ADMIN_PAGE_DIR = path.join(OUT, 'admin-page');
const LOCK = path.join(OUT, '.lock');
const require = createRequire(import.meta.url);

/** Files under `dirs` plus `files`, sorted: what a part's build reads. */
function listInputs(files, dirs) {
  const out = [...files];
  const walk = (dir) => {
    if (!existsSync(path.join(root, dir))) return;
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    const full = path.join(root, file);
    hash.update(file).update(existsSync(full) ? readFileSync(full) : 'missing');
  }
  return hash.digest('hex');
}

/** The node-runtime webpack config of @forge/bundler (getCommonWebpackConfig + NodeBundler). */
export function functionsConfig(outDir) {
  const webpack = require('webpack');
  return {
    name: 'node-runtime',
    context: root,
    entry: { index: path.join(root, 'src', 'index.js') },
    mode: 'production',
    target: 'node18',
    optimization: { minimize: false },
    devtool: 'source-map',
    output: { libraryTarget: 'commonjs', globalObject: 'this', filename: '[name].cjs', path: outDir },
    node: { __dirname: true },
    performance: false,
    resolve: { extensions: ['.ts', '.tsx', '.js', '.jsx', '.json', '.cjs'] },
    plugins: [
      new webpack.IgnorePlugin({ resourceRegExp: /^encoding$/, contextRegExp: /node-fetch/ }),
      new webpack.IgnorePlugin({ resourceRegExp: /^(bufferutil|utf-8-validate)$/, contextRegExp: /ws\/lib$/ }),
      new webpack.IgnorePlugin({ resourceRegExp: /^dtrace-provider$/, contextRegExp: /bunyan$/ }),
    ],
    module: {
      rules: [
        {
          test: /\.jsx?$/,
          exclude: /node_modules/,
          use: [{
            loader: require.resolve('babel-loader'),
            options: {
              plugins: [
                require.resolve('@babel/plugin-transform-numeric-separator'),
                require.resolve('@babel/plugin-transform-class-static-block'),
                require.resolve('@babel/plugin-transform-class-properties'),
                require.resolve('@babel/plugin-transform-optional-chaining'),
              ],
              cacheDirectory: path.join(OUT, '.babel-cache'),
              // The inlined WASM is one long string literal: no need to print it twice.
              compact: false,
              sourceMaps: false,
            },
          }],
        },
        // (Forge also has a ts-loader rule; this app has no TypeScript.)
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
      ],
    },
  };
}

/** The Custom UI page: a browser bundle of admin-page/main.js plus the shared stylesheet. */
export function adminPageConfig(outDir) {
  const webpack = require('webpack');
  return {
    name: 'admin-page',
    context: root,
    entry: { main: path.join(here, 'admin-page', 'main.js') },
    mode: 'production',
    target: 'web',
    devtool: false,
    output: { filename: '[name].js', path: outDir },
    performance: false,
    // One file: the page loads main.js only (@forge/bridge's lazy imports included).
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  };
}

function compile(config) {
  const webpack = require('webpack');
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) {
        return reject(new Error(`forge build (${config.name}) failed:\n${stats.toString({ all: false, errors: true })}`));
      }
      return resolve(stats);
    });
  });
}

/** The two outputs, each rebuilt only when its own inputs change. */
const PARTS = {
  functions: {
    inputs: () => listInputs(['package-lock.json', 'src/index.js', 'pkg/inline/usersync.js', 'pkg/inline/usersync_glue.js', 'js/core/admin-methods.mjs'], ['js/forge', 'js/admin']),
    build: (dir) => compile(functionsConfig(dir)),
  },
  'admin-page': {
    inputs: () => listInputs(['package-lock.json', 'js/forge/build.mjs'], ['js/forge/admin-page', 'js/admin']),
    async build(dir) {
      await compile(adminPageConfig(dir));
      writeFileSync(path.join(dir, 'index.html'), adminPageHtml());
      cpSync(path.join(root, 'js', 'admin', 'admin.css'), path.join(dir, 'admin.css'));
    },
  },
};

/**
 * js/admin/index.html with the bundle in place of the module script: Custom UI pages load
 * their own files only, and the bundle carries @forge/bridge.
 */
function adminPageHtml() {
  const html = readFileSync(path.join(root, 'js', 'admin', 'index.html'), 'utf8');
  const moduleScript = /<script type="module" src="app\.js"><\/script>/;
  if (!moduleScript.test(html)) throw new Error('forge build: js/admin/index.html no longer loads app.js as a module script');
  return html.replace(moduleScript, '<script src="main.js" defer></script>');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Whether the process that took a lock is gone (a killed test run leaves its lock behind). */
function holderGone() {
  try {
    process.kill(Number(readFileSync(path.join(LOCK, 'pid'), 'utf8')), 0);
    return false;
  } catch (err) {
    return err.code === 'ESRCH' || err.code === 'ENOENT';
  }
}

/** Takes the build lock (a directory: mkdir is atomic), or waits for its holder. */
async function lock() {
  mkdirSync(OUT, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let age;
      try {
        age = Date.now() - statSync(LOCK).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > 10 * 60_000 || (age > 1_000 && holderGone())) rmSync(LOCK, { recursive: true, force: true });
      else await sleep(200);
    }
  }
}

/**
 * Builds the parts of target/forge that are out of date. Each is built in a fresh directory
 * and swapped in, so a reader never sees half a build.
 * @returns {Promise<{functions: string, adminPage: string, built: string[]}>}
 */
export async function buildForge({ parts = Object.keys(PARTS), force = false } = {}) {
  await lock();
  const built = [];
  try {
    for (const part of parts) {
      const stamp = path.join(OUT, `.stamp-${part}`);
      const target = path.join(OUT, part);
      const hash = hashOf(PARTS[part].inputs());
      if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(target)) continue;
      const next = path.join(OUT, `.next-${part}-${process.pid}`);
      rmSync(next, { recursive: true, force: true });
      await PARTS[part].build(next);
      rmSync(target, { recursive: true, force: true });
      renameSync(next, target);
      writeFileSync(stamp, hash);
      built.push(part);
    }
    return { functions: FUNCTIONS_BUNDLE, adminPage: ADMIN_PAGE_DIR, built };
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const result = await buildForge({ force: process.argv.includes('--force') });
  console.log(`forge build: ${result.built.join(', ') || 'up to date'} in ${Date.now() - started} ms → ${path.relative(root, OUT)}/`);
}
