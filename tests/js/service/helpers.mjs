// Shared by the service end-to-end tests: the built WASM core on an in-memory host whose
// fetch goes to the Jira simulator, one connection configured against it, and a SCIM
// client that speaks to core.handle the way a host's HTTP layer would.
import { load, UsersyncCore } from '../../../js/core/index.mjs';
import { createMemoryHost, createMemoryStore } from '../../../js/core/memory-host.mjs';
import { createJiraSim, manualClock, DEMO_ADMIN } from '../../../js/jira-sim/index.js';

export const SIM_URL = 'http://jira-sim.test';
export const V2 = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * A core with one connection against a fresh simulator.
 * @param {{connection?: object, sim?: object, store?: object, simInstance?: object}} options
 */
export async function setup({ connection = {}, sim: simOptions = {}, store = createMemoryStore(), simInstance } = {}) {
  await load();
  const clock = simOptions.clock ?? manualClock();
  const sim = simInstance ?? createJiraSim({ clock, baseUrl: SIM_URL, ...simOptions });
  let nowMs = Date.UTC(2024, 0, 1);
  const host = createMemoryHost({ store, fetch: (url, init) => sim.fetch(url, init), now: () => nowMs });
  const core = new UsersyncCore(host);
  await core.setSimulator(SIM_URL);
  const created = await core.createConnection({ name: 'test', ...connection });
  const conn = created.connection;
  await core.setJiraSettings(conn.id, {
    siteUrl: SIM_URL, adminEmail: DEMO_ADMIN.email, apiToken: DEMO_ADMIN.apiToken,
    products: connection.policies?.products ?? ['jira-software'],
  });
  const env = {
    core, sim, host, store, conn, token: created.token,
    advance(ms) { nowMs += ms; sim.clock?.advance?.(ms); },
    /** A SCIM request; `body` objects are sent as JSON. Resolves to {status, headers, json}. */
    async scim(method, path, body, { headers = {}, query = '', token = created.token } = {}) {
      const [p, q] = path.split('?');
      const response = await core.handle({
        method,
        path: `${conn.basePath}${p}`,
        query: q ?? query,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json', ...headers },
        body: body === undefined ? null : JSON.stringify(body),
        baseUrl: 'https://usersync.test/scim',
      });
      nowMs += 1;
      return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
    },
    /** Drains until the queue is empty, as a host's background drain would: a drain,
     * then at least a second (or until the next item is due) before the next one. */
    async settle({ maxRounds = 50 } = {}) {
      const reports = [];
      for (let i = 0; i < maxRounds; i++) {
        const report = await core.drain(60_000);
        reports.push(report);
        if (report.pending === 0) return reports;
        env.advance(Math.max(1_000, (report.nextDue ?? 0) - nowMs));
      }
      throw new Error(`the queue did not settle: ${JSON.stringify(reports.at(-1))}`);
    },
    jiraUser(email) { return sim.snapshot().users.find((u) => u.emailAddress === email); },
    jiraGroup(name) { return sim.snapshot().groups.find((g) => g.name === name); },
    /** Jira calls since the last `mark()`, as {"METHOD /path": n}. */
    calls() {
      const { requests } = sim.requests({ since: env.mark_ });
      const counts = {};
      for (const r of requests) counts[r.endpoint] = (counts[r.endpoint] ?? 0) + 1;
      return counts;
    },
    mark() { env.mark_ = sim.requests().lastSeq; },
    mark_: 0,
  };
  env.mark();
  return env;
}

export const userBody = (userName, extra = {}) => ({
  schemas: [V2],
  userName,
  name: { givenName: 'Given', familyName: 'Family' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: `Given Family`,
  active: true,
  ...extra,
});

export const patch = (Operations) => ({ schemas: [PATCH_OP], Operations });

export const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
