// Shared by the browser harness tests: Debian's Chromium under playwright-core (no browser
// download), a static server for a built harness directory, and a console watcher.
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { contentType, root } from '../../../js/browser/files.mjs';
import { harnessHandler } from '../../../js/browser/serve.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const RESULTS = path.join(root, 'test-results');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Chromium with a fresh user-data dir (so IndexedDB starts empty and survives reloads within
 * the run). `close()` also removes the directory.
 */
export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'usersync-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1366, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every console error and uncaught exception of `page`, as text. */
export function watchConsole(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Opens `url` and waits until the page says it started (body[data-ready=true]). */
export async function openHarness(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready]');
  const ready = await page.getAttribute('body', 'data-ready');
  if (ready !== 'true') throw new Error(`the harness failed to start: ${await page.textContent('#notice')}`);
}

/**
 * A server with a static directory at `/` (a built harness) and the harness handler at
 * `/harness` (as `usersync serve` mounts it). Resolves {url, close}.
 */
export async function serve({ dir } = {}) {
  const mounted = harnessHandler({ prefix: '/harness' });
  const server = http.createServer(async (req, res) => {
    if (await mounted(req, res)) return;
    if (dir) {
      const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html');
      const file = path.join(dir, path.normalize(rel));
      if (file.startsWith(dir) && existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': contentType(file) });
        createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    }),
  };
}

/** Saves a full-page screenshot as a test artifact: test-results/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
