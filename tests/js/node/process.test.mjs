// `usersync serve` as a process: what the first start prints, what a restart doesn't, and a
// clean exit on SIGTERM (the database closed; server.test.mjs shows in-flight requests finish).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startServe } from './serve-process.mjs';
import { tempDir } from './helpers.mjs';

test('usersync serve: first start prints the SCIM base URL, token, admin URL and secret; SIGTERM exits 0 and closes the database', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'data', 'usersync.db');
  const first = await startServe(t, { USERSYNC_DB: db });
  assert.match(first.stdout, /Jira is SIMULATED/);
  assert.match(first.stdout, new RegExp(`SCIM base URL\\s+${first.url}/scim/[0-9a-f]+/v2`));
  assert.match(first.stdout, /API token\s+\S{32,}/);
  assert.match(first.stdout, new RegExp(`Admin UI\\s+${first.url}/admin/`));
  assert.match(first.stdout, /admin secret\s+usa_\S+/);
  const token = /API token\s+(\S+)/.exec(first.stdout)[1];
  const base = /SCIM base URL\s+(\S+)/.exec(first.stdout)[1];

  const health = await fetch(`${first.url}/healthz`);
  assert.deepEqual(await health.json(), { ok: true, store: 'sqlite' });
  assert.equal((await fetch(`${base}/Users`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
  first.child.kill('SIGTERM');
  const { code, signal } = await first.exited;
  assert.deepEqual({ code, signal }, { code: 0, signal: null });
  assert.match(first.stderr(), /stopped/);
  assert.ok(!first.stderr().includes(token), 'the token is printed once, on stdout, never logged');
  assert.equal(existsSync(`${db}-wal`), false, 'closed cleanly: the WAL was checkpointed');

  const second = await startServe(t, { USERSYNC_DB: db });
  assert.doesNotMatch(second.stdout, /API token|admin secret/);
  assert.equal((await fetch(`${base.replace(first.url, second.url)}/Users`, { headers: { authorization: `Bearer ${token}` } })).status, 200, 'the first token still works after a restart');
  second.child.kill('SIGTERM');
  assert.equal((await second.exited).code, 0);
});
