// The PyPI SCIM conformance suite (scim2-tester through `scim2 test`) against `serve`: every
// check must pass. The token goes in SCIM_CLI_HEADERS, not on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../../js/node/serve.js';
import { configFromEnv } from '../../../js/node/config.js';
import { tempDir } from './helpers.mjs';

const SETUP = fileURLToPath(new URL('./scim2-setup.sh', import.meta.url));

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 300_000, env: { ...process.env, ...env }, maxBuffer: 8 << 20 }, (err, stdout, stderr) => resolve({ code: err ? err.code ?? 1 : 0, stdout, stderr }));
  });
}

test('scim2-tester: every check passes against usersync serve (SCIM 2.0)', { timeout: 600_000 }, async (t) => {
  const setup = await run('bash', [SETUP]);
  assert.equal(setup.code, 0, `scim2-setup.sh failed: ${setup.stderr}`);
  const scim2 = setup.stdout.trim();

  let banner = '';
  const config = configFromEnv({ PORT: '0', HOST: '127.0.0.1', USERSYNC_DB: path.join(tempDir(t), 'u.db') });
  const app = await serve(config, { out: { write: (s) => { banner += s; } }, log: () => {}, signals: false });
  t.after(() => app.stop());
  const base = /SCIM base URL\s+(\S+)/.exec(banner)[1];
  const token = /API token\s+(\S+)/.exec(banner)[1];

  const r = await run(scim2, ['--url', base, 'test', '--verbose'], { SCIM_CLI_HEADERS: `Authorization: Bearer ${token}`, NO_COLOR: '1' });
  // Each check is a `STATUS title` line, then indented reason and data lines.
  const lines = r.stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const failed = [];
  lines.forEach((l, i) => {
    if (!/^\S+ /.test(l) || /^(SUCCESS|Performing) /.test(l)) return;
    failed.push(l);
    for (let j = i + 1; j < lines.length && /^\s/.test(lines[j]); j += 1) failed.push(lines[j].slice(0, 600));
  });
  assert.equal(r.code, 0, `scim2 test failed:\n${failed.join('\n') || r.stdout || r.stderr}`);
  assert.match(r.stdout, /SUCCESS/);
});
