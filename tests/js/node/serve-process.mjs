// Runs `usersync serve` as a child process for tests and waits until it prints its banner.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { CLI } from './helpers.mjs';

/**
 * Starts `usersync serve` on a free port with `env`. Resolves once the banner is out:
 * `{child, url, stdout (the banner), stderr(), exited}`. The child is killed after the test.
 */
export async function startServe(t, env, { timeoutMs = 60_000 } = {}) {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', USERSYNC_DRAIN_INTERVAL_MS: '50', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const banner = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no banner in ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (/Admin UI[\s\S]*\n\n$/.test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`serve exited with ${code} before listening: ${stderr.trim()}`)); });
  });
  await banner;
  const url = /usersync is serving at (\S+)/.exec(stdout)[1];
  return { child, url, stdout, stderr: () => stderr, exited };
}
