// The outbox under stress, through the WASM core and the simulator: a 429 storm with
// 20 % injected faults (including lost answers) over 1 000 users, and a host that dies
// mid-drain with a fresh one taking over the same storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, userBody, SIM_URL } from './helpers.mjs';
import { createJiraSim, manualClock } from '../../../js/jira-sim/index.js';
import { UsersyncCore } from '../../../js/core/index.mjs';
import { createMemoryHost } from '../../../js/core/memory-host.mjs';

test('1 000 users through a 429 storm and 20 % faults: nothing lost, nothing duplicated', async (t) => {
  const env = await setup({
    sim: {
      rateLimits: { enabled: true, tenant: { limit: 100, windowMs: 1000 }, endpoint: { limit: 20, windowMs: 1000 } },
      faults: { seed: 7, rules: [{ match: '*', p429: 0.05, p500: 0.05, p503: 0.04, pDrop: 0.03, pDropAfter: 0.03 }] },
    },
  });
  const emails = Array.from({ length: 1000 }, (_, i) => `user${String(i).padStart(4, '0')}@example.com`);
  const started = performance.now();
  for (const email of emails) {
    const created = await env.scim('POST', '/Users', userBody(email));
    assert.equal(created.status, 201, created.body);
  }
  const scimMs = performance.now() - started;
  const reports = await env.settle({ maxRounds: 1000 });
  // Throttling costs no attempts and the rest of the faults are rare, so nothing may
  // reach the dead letters: the storm is waited out, not handed to the admin.
  assert.deepEqual((await env.core.listDeadLetters(env.conn.id)).entries, [], 'nothing dead-lettered');
  const users = env.sim.snapshot().users.filter((u) => u.emailAddress.startsWith('user'));
  const byEmail = new Map();
  for (const u of users) byEmail.set(u.emailAddress, (byEmail.get(u.emailAddress) ?? 0) + 1);
  assert.equal(byEmail.size, 1000, 'every user reached Jira');
  assert.deepEqual([...byEmail.values()].filter((n) => n > 1), [], 'no account was created twice');
  assert.ok(users.every((u) => u.products.includes('jira-software')));
  const { counts, total } = env.sim.requests();
  const faults = env.sim.requests().requests.filter((r) => r.fault || r.status === 429).length;
  t.diagnostic(`1000 creates: ${scimMs.toFixed(0)} ms of SCIM requests, ${reports.length} drains, ${total} Jira calls (${faults} faulted or limited): ${JSON.stringify(counts)}`);
});

test('a host dropped mid-drain: a new host on the same storage converges', async () => {
  const clock = manualClock();
  const sim = createJiraSim({ clock, baseUrl: SIM_URL });
  let calls = 0;
  // The first runtime dies waiting for its 8th Jira answer.
  const dying = { ...sim, fetch: (url, init) => (++calls > 7 ? new Promise(() => {}) : sim.fetch(url, init)) };
  const first = await setup({ simInstance: dying });
  for (let i = 0; i < 10; i++) assert.equal((await first.scim('POST', '/Users', userBody(`p${i}@example.com`))).status, 201);
  first.advance(20_000); // a background drain, after the writes' items have settled
  first.core.drain(60_000); // never resolves: that runtime is gone
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(calls, 8, 'the first drain got as far as its 8th call');

  // A new runtime on the same storage and the same Jira, after the dead one's leases expire.
  let now = Date.UTC(2024, 0, 1) + 10 * 60_000;
  const second = new UsersyncCore(createMemoryHost({ store: first.store, fetch: (url, init) => sim.fetch(url, init), now: () => now }));
  for (let round = 0; round < 50; round++) {
    const report = await second.drain(60_000);
    if (report.pending === 0) break;
    now = Math.max(now + 1000, report.nextDue ?? 0);
    clock.advance(1000);
  }
  const jira = sim.snapshot().users.filter((u) => /^p\d@example.com$/.test(u.emailAddress));
  assert.equal(jira.length, 10, 'every user reached Jira');
  assert.equal(new Set(jira.map((u) => u.emailAddress)).size, 10, 'none twice');
  assert.deepEqual((await second.listDeadLetters(first.conn.id)).entries, []);
});
