// The harness as a set of static files (Node only): the page and its admin iframe, every
// module they import (followed from their entry modules, so a new import needs no list), the
// WASM build and the page's entry at the root. Used by build.mjs (dist/harness), serve.mjs and `usersync serve`.
//
//   harnessFiles() → Map<urlPath, {file?: absolute path, content?: string, type}>
//   urlPath is relative to the mount: 'index.html', 'js/browser/main.js', 'pkg/web/usersync_bg.wasm'
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAGE = 'js/browser/index.html';
const ENTRIES = ['js/browser/main.js', 'js/browser/admin-embed.js']; // the page's and the admin iframe's
const EXTRA = ['js/browser/style.css', 'js/browser/admin.html', 'js/admin/admin.css', 'pkg/web/usersync_bg.wasm']; // fetched, not imported

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
};

export const contentType = (p) => TYPES[path.extname(p)] ?? 'application/octet-stream';

// Relative specifiers of static imports, re-exports and dynamic imports with a literal.
const IMPORT = /(?:\bimport|\bexport)\s[^'"`;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Repository-relative paths of `entry` and every module it reaches by relative import. */
export function moduleGraph(entry) {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    const abs = path.join(root, rel);
    if (!existsSync(abs)) throw new Error(`harness: ${rel} is imported but missing (run node js/build/bootstrap.mjs for pkg/)`);
    seen.add(rel);
    const text = readFileSync(abs, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      visit(path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)));
    }
  };
  visit(entry);
  return [...seen].sort();
}

/** The page at the mount's root: the same file, its relative URLs based in js/browser/. */
export function rootPage() {
  const page = readFileSync(path.join(root, PAGE), 'utf8');
  return page.replace('<head>', '<head>\n  <base href="js/browser/">');
}

export function harnessFiles() {
  const files = new Map();
  files.set('index.html', { content: rootPage(), type: contentType('index.html') });
  for (const rel of [PAGE, ...ENTRIES.flatMap((entry) => moduleGraph(entry)), ...EXTRA]) {
    files.set(rel, { file: path.join(root, rel), type: contentType(rel) });
  }
  return files;
}
