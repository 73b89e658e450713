// Writes the harness as plain static files: `node js/browser/build.mjs [outDir]`
// (default dist/harness). Any static file server can host the result; open its index.html.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { harnessFiles, root } from './files.mjs';

export const DEFAULT_OUT = path.join(root, 'dist', 'harness');

/** Writes every harness file under `outDir` (emptied first); returns the paths written. */
export function buildHarness(outDir = DEFAULT_OUT) {
  rmSync(outDir, { recursive: true, force: true });
  const written = [];
  for (const [rel, entry] of harnessFiles()) {
    const dest = path.join(outDir, rel);
    mkdirSync(path.dirname(dest), { recursive: true });
    if (entry.content !== undefined) writeFileSync(dest, entry.content);
    else copyFileSync(entry.file, dest);
    written.push(rel);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? DEFAULT_OUT);
  const written = buildHarness(out);
  console.log(`harness: ${written.length} files in ${path.relative(process.cwd(), out) || '.'}`);
}
