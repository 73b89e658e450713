// Several nodes: two `usersync serve` processes on one PostgreSQL database and one Jira (a
// standalone simulator), SCIM writes spread over both, and every Jira write made once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJiraSim, listen, DEMO_ADMIN } from '../../../js/jira-sim/index.js';
import { openPostgresStore } from '../../../js/node/store-postgres.js';
import { createHost } from '../../../js/node/host.js';
import { loadCore } from '../../../js/node/core.js';
import { ensureAdminSecret } from '../../../js/node/admin-auth.js';
import { startServe } from './serve-process.mjs';
import { postgresTestUrl, freshPostgresDatabase } from './helpers.mjs';

const USERS = 12;

test('two serve processes on one PostgreSQL: every user reaches Jira, each created exactly once', async (t) => {
  const url = await freshPostgresDatabase(t, postgresTestUrl());
  const sim = createJiraSim();
  const jira = await listen({ port: 0, host: '127.0.0.1', sim });
  t.after(() => jira.server.close());

  // Set up as an operator would: one connection on the shared Jira, the admin secret made.
  const store = await openPostgresStore(url);
  let conn;
  let token;
  try {
    const core = await loadCore(createHost({ store, log: () => {} }));
    await ensureAdminSecret(store);
    const created = await core.call('connections.create', { name: 'Okta', idp: 'okta', scim: '2.0', mode: 'user' });
    conn = created.connection;
    token = created.token;
    await core.call('jira.simulator', { url: jira.url });
    await core.call('jira.set', { id: conn.id, settings: { siteUrl: jira.url, adminEmail: DEMO_ADMIN.email, apiToken: DEMO_ADMIN.apiToken, products: ['jira-software'] } });
  } finally {
    await store.close();
  }

  const nodes = await Promise.all([0, 1].map(() => startServe(t, { USERSYNC_DATABASE_URL: url })));
  for (const n of nodes) assert.doesNotMatch(n.stdout, /SIMULATED/, 'a configured Jira site: no in-process simulator');

  const emails = Array.from({ length: USERS }, (_, i) => `user${i}@example.com`);
  const answers = await Promise.all(emails.map((email, i) => fetch(`${nodes[i % 2].url}/scim${conn.basePath}/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: email, emails: [{ value: email, primary: true }], name: { givenName: 'U', familyName: String(i) }, active: true }),
  })));
  assert.deepEqual(answers.map((r) => r.status), emails.map(() => 201));

  const until = Date.now() + 30_000;
  let state;
  do {
    await new Promise((r) => setTimeout(r, 100));
    state = sim.snapshot();
  } while (emails.some((e) => !state.users.some((u) => u.emailAddress === e)) && Date.now() < until);
  for (const e of emails) assert.equal(state.users.filter((u) => u.emailAddress === e).length, 1, e);

  await new Promise((r) => setTimeout(r, 500)); // any duplicate would land now
  const { counts } = sim.requests();
  assert.equal(counts['POST /rest/api/3/user'], USERS, JSON.stringify(counts));

  for (const n of nodes) n.child.kill('SIGTERM');
  for (const n of nodes) assert.equal((await n.exited).code, 0, n.stderr());
});
