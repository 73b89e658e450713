// The simulated Jira site, running in the page (js/jira-sim), kept in IndexedDB so it
// survives a reload as the core's own state does. After every call that may change the
// site, the site is written back as simulator seed data; a reload starts from that seed.
import { createJiraSim, DEMO_SEED } from '../jira-sim/browser.js';

/** Where the core sends Jira calls; nothing leaves the page. */
export const SIM_URL = 'http://jira-sim.localhost';

const SITE_KEY = 'jira-site';

/**
 * The site as seed data (js/jira-sim/seed.js's shape). Reads SiteState, because the public
 * snapshot leaves out what a seed needs (API tokens, time zones).
 */
export function siteToSeed(state) {
  const nameOf = (id) => state.groups.get(id)?.name;
  const emailOf = (id) => state.users.get(id)?.emailAddress;
  const users = [...state.users.values()];
  return {
    org: state.org,
    groups: [...state.groups.values()].map((g) => ({ name: g.name, groupId: g.groupId })),
    users: users.map((u) => ({
      accountId: u.accountId, accountType: u.accountType, email: u.emailAddress,
      displayName: u.displayName, apiToken: u.apiToken, timeZone: u.timeZone, locale: u.locale,
      suspended: u.suspended,
      groups: [...state.groups.values()].filter((g) => g.members.has(u.accountId)).map((g) => nameOf(g.groupId)),
    })),
    serviceDesks: [...state.serviceDesks.values()].map((d) => ({
      id: d.id, projectId: d.projectId, projectKey: d.projectKey, projectName: d.projectName,
      customers: [...d.customers].map(emailOf).filter(Boolean),
    })),
  };
}

/**
 * Creates the simulator from what the store saved (or the demo site), and a fetch that saves
 * the site after each call that can change it.
 * @param {import('./kv.js').IdbStore} store
 */
export async function openJira(store) {
  const saved = await store.getSide(SITE_KEY);
  // A new id sequence per page load, so ids made after a reload don't repeat earlier ones.
  const generation = (saved?.generation ?? 0) + 1;
  const sim = createJiraSim({ seedData: saved?.seed ?? DEMO_SEED, idSeed: generation, baseUrl: SIM_URL });
  let saving = Promise.resolve();
  const save = () => {
    saving = saving.then(() => store.setSide(SITE_KEY, { generation, seed: siteToSeed(sim.state) }));
    return saving;
  };
  await save();

  return {
    sim,
    /** WHATWG fetch into the simulator; writes the site back after anything but a GET. */
    async fetch(input, init = {}) {
      try {
        return await sim.fetch(input, init);
      } finally {
        // also after a dropped answer: the simulator may have applied the call (drop-after)
        if ((init.method ?? 'GET').toUpperCase() !== 'GET') await save();
      }
    },
    /** The sequence number of the last logged Jira call: pass to `callsSince`. */
    mark: () => sim.requests().lastSeq,
    /** The Jira calls made after `mark`. */
    callsSince: (mark) => sim.requests({ since: mark }).requests,
    snapshot: () => sim.snapshot(),
    save,
  };
}
