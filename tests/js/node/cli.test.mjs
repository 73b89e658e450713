// The usersync CLI as a user runs it: each admin command on a temporary SQLite store with the
// real core, its --json output, and its errors (one line on stderr, non-zero exit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, tempDir } from './helpers.mjs';

/** Runs the CLI; resolves {code, stdout, stderr}. */
function usersync(args, { env = {}, dir } = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], {
      cwd: dir, timeout: 60_000, env: { ...process.env, USERSYNC_PUBLIC_URL: 'https://usersync.example.com', ...env },
    }, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
  });
}

/** Asserts a failure: a non-zero exit and exactly one line on stderr matching `pattern`. */
function assertOneLineError(r, pattern) {
  assert.notEqual(r.code, 0, r.stdout);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], pattern);
}

test('CLI errors: one clear line and a non-zero exit, before touching any store', async () => {
  const rows = [
    [['nope'], /^usersync: unknown command 'nope'/],
    [['idp'], /^usersync idp: expected a subcommand: add, list, rotate-token, remove$/],
    [['idp', 'frob'], /found 'frob'/],
    [['idp', 'add'], /^usersync idp: --name is required/],
    [['idp', 'add', '--name', 'x', '--kind', 'ldap'], /--kind must be one of okta, entra, .*; found 'ldap'/],
    [['idp', 'add', '--name', 'x', '--scim', '3.0'], /--scim must be one of 2\.0, 1\.1; found '3\.0'/],
    [['idp', 'add', '--name', 'x', '--mode', 'admin'], /--mode must be one of user, customer/],
    [['idp', 'add', '--name', 'x', '--colour', 'red'], /Unknown option '--colour'/],
    [['idp', 'rotate-token'], /ID is required/],
    [['idp', 'remove', 'a', 'b'], /unexpected argument 'b'/],
    [['jira', 'set', '--site', 'https://x.atlassian.net'], /--email is required/],
    [['jira', 'set', '--site', 's', '--email', 'e', '--token', 't', '--org-key', 'k'], /go together/],
    [['dry-run'], /FILE is required/],
    [['serve', '--port'], /usersync serve: Option '--port <value>' argument missing/],
    [['admin', 'forget'], /expected a subcommand: reset-secret/],
  ];
  for (const [args, pattern] of rows) assertOneLineError(await usersync(args), pattern);
});

test('CLI: a Postgres URL that is not one is refused in one line', async () => {
  assertOneLineError(await usersync(['idp', 'list', '--database-url', 'mysql://x']), /must start with postgres:\/\//);
});

test('idp add --json prints {id, scimBaseUrl, token}; list, rotate-token and remove work on the same store', async (t) => {
  const dir = tempDir(t);
  const env = { USERSYNC_DB: path.join(dir, 'u.db') };
  const added = await usersync(['idp', 'add', '--name', 'Entra prod', '--kind', 'entra', '--scim', '2.0', '--mode', 'user', '--json'], { env });
  assert.equal(added.code, 0, added.stderr);
  const out = JSON.parse(added.stdout);
  assert.deepEqual(Object.keys(out), ['id', 'scimBaseUrl', 'token']);
  assert.equal(out.scimBaseUrl, `https://usersync.example.com/scim/${out.id}/v2`);
  assert.ok(out.token.length >= 32);

  const v1 = JSON.parse((await usersync(['idp', 'add', '--name', 'Old', '--scim', '1.1', '--mode', 'customer', '--json'], { env })).stdout);
  assert.match(v1.scimBaseUrl, /\/v1$/);

  const list = await usersync(['idp', 'list', '--json'], { env });
  const conns = JSON.parse(list.stdout);
  assert.deepEqual(conns.map((c) => [c.name, c.idp, c.scim, c.mode]).sort(), [['Entra prod', 'entra', '2.0', 'user'], ['Old', 'generic', '1.1', 'customer']]);
  assert.ok(!list.stdout.includes(out.token), 'list never shows a token');
  const text = await usersync(['idp', 'list'], { env });
  assert.match(text.stdout, /^ID\s+NAME\s+KIND\s+SCIM\s+MODE\s+SCIM BASE URL/);

  const rotated = JSON.parse((await usersync(['idp', 'rotate-token', out.id, '--json'], { env })).stdout);
  assert.equal(rotated.id, out.id);
  assert.notEqual(rotated.token, out.token);

  const removed = await usersync(['idp', 'remove', out.id], { env });
  assert.equal(removed.code, 0, removed.stderr);
  assertOneLineError(await usersync(['idp', 'remove', out.id], { env }), /^usersync idp: no connection has id/);
  assertOneLineError(await usersync(['idp', 'rotate-token', 'missing'], { env }), /no connection has id/);
});

test('jira set validates the site; status and dry-run print what they found', async (t) => {
  const dir = tempDir(t);
  const env = { USERSYNC_DB: path.join(dir, 'u.db') };
  assertOneLineError(await usersync(['jira', 'set', '--site', 'https://x.atlassian.net', '--email', 'a@b.c', '--token', 't'], { env }), /no connections yet/);
  const { id } = JSON.parse((await usersync(['idp', 'add', '--name', 'Okta', '--kind', 'okta', '--json'], { env })).stdout);
  assertOneLineError(await usersync(['jira', 'set', '--site', 'http://evil.example.com', '--email', 'a@b.c', '--token', 't'], { env }), /^usersync jira: /);
  const set = await usersync(['jira', 'set', '--site', 'https://acme.atlassian.net', '--email', 'admin@acme.com', '--token', 'secret-api-token', '--products', 'jira-software'], { env });
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, new RegExp(`${id}: Jira site https://acme.atlassian.net as admin@acme.com`));
  const show = JSON.parse((await usersync(['jira', 'show', '--json'], { env })).stdout);
  assert.equal(show[0].jira.siteUrl, 'https://acme.atlassian.net');
  assert.ok(!JSON.stringify(show).includes('secret-api-token'));

  const status = await usersync(['status', '--json'], { env });
  assert.equal(status.code, 0, status.stderr);
  const st = JSON.parse(status.stdout);
  assert.deepEqual([st.outbox, st.deadLetters, st.connections.length], [0, 0, 1]);
  assert.match((await usersync(['status'], { env })).stdout, /outbox: 0 pending; dead letters: 0/);

  const file = path.join(dir, 'req.json');
  writeFileSync(file, JSON.stringify({ method: 'POST', path: '/Users', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'jane@acme.com', emails: [{ value: 'jane@acme.com', primary: true }] } }));
  // No SCIM token: opening the store is the admin's credential.
  const dry = await usersync(['dry-run', file, '--json'], { env });
  assert.equal(dry.code, 0, dry.stderr);
  const report = JSON.parse(dry.stdout);
  assert.equal(report.status, 201);
  assert.ok(report.dryRun.tasks.length > 0, 'a new user means Jira work');
  const printed = await usersync(['dry-run', file], { env });
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /SCIM answer: 201\n.*\n  syncUser u:\S+: GET \/rest\/api\/3\/user\/search/);
  assertOneLineError(await usersync(['dry-run', file, '--idp', 'nope'], { env }), /no connection has id nope/);
  assertOneLineError(await usersync(['dry-run', path.join(dir, 'missing.json')], { env }), /no such file/);
  writeFileSync(file, '{"userName": "no method"}');
  assertOneLineError(await usersync(['dry-run', file], { env }), /expected \{"method": "POST"/);
});

test('reconcile prints, per connection, its drift and what it checked; --json the reports', async (t) => {
  const env = { USERSYNC_DB: path.join(tempDir(t), 'u.db') };
  const added = await usersync(['idp', 'add', '--name', 'Okta', '--kind', 'okta', '--json'], { env });
  assert.equal(added.code, 0, added.stderr);
  const { id } = JSON.parse(added.stdout);
  const text = await usersync(['reconcile'], { env });
  assert.equal(text.code, 0, text.stderr);
  assert.equal(text.stdout, `${id}: no drift\n  Checked nothing in 0 Jira call(s).\n`);
  const json = await usersync(['reconcile', '--idp', id, '--json'], { env });
  assert.equal(json.code, 0, json.stderr);
  const [{ id: reported, report }] = JSON.parse(json.stdout);
  assert.equal(reported, id);
  assert.deepEqual({ drift: report.drift, complete: report.complete, jiraCalls: report.jiraCalls }, { drift: [], complete: true, jiraCalls: 0 });
});
