// Benchmarks the WASM build against the npm SCIM libraries people reach for, in one run,
// and prints each peer's time as a ratio of ours (ratio > 1: usersync is faster).
// Run with `npm run bench` (which builds first) or `node bench/wasm.bench.mjs`.
import { Bench } from 'tinybench';
import scim2Filter from 'scim2-parse-filter';
import scimPatchLib from 'scim-patch';
import SCIMMY from 'scimmy';
import { load, parseFilter, applyPatch, listResources } from '../js/core/index.mjs';

await load();

const OKTA_FILTER = 'userName eq "isabella.garcia@example.com"';
const RFC_FILTER = 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")';
const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: '2819c223', userName: 'bjensen@example.com', active: true, displayName: 'Babs Jensen',
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  meta: { resourceType: 'User' },
};
const entraDisable = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
};
const users = Array.from({ length: 10_000 }, (_, i) => ({
  ...user, id: `u${i}`, userName: `user${i}@example.com`,
  emails: [{ value: `user${i}@example.${i % 2 ? 'org' : 'com'}`, type: 'work', primary: true }],
}));
const usersJson = JSON.stringify(users);
const listFilter = 'emails[type eq "work" and value co "@example.org"]';

/** Each group: our case first, then the peers doing the same work. */
const groups = {
  'filter parse (Okta lookup)': {
    usersync: () => parseFilter(OKTA_FILTER),
    'scim2-parse-filter': () => scim2Filter.parse(OKTA_FILTER),
    scimmy: () => new SCIMMY.Types.Filter(OKTA_FILTER),
  },
  'filter parse (RFC example)': {
    usersync: () => parseFilter(RFC_FILTER),
    'scim2-parse-filter': () => scim2Filter.parse(RFC_FILTER),
    scimmy: () => new SCIMMY.Types.Filter(RFC_FILTER),
  },
  'PATCH apply (Entra disable)': {
    usersync: () => applyPatch(JSON.stringify(user), JSON.stringify(entraDisable), 'User'),
    // scim-patch has no Entra quirks: it gets the boolean and a lower-case op.
    'scim-patch': () => scimPatchLib.scimPatch(structuredClone(user), [{ op: 'replace', path: 'active', value: false }]),
  },
  'filter 10 000 users, count=100': {
    usersync: () => listResources(usersJson, `filter=${encodeURIComponent(listFilter)}&count=100`, 'User'),
    'scim2-parse-filter': () => JSON.parse(usersJson).filter(scim2Filter.filter(scim2Filter.parse(listFilter))).slice(0, 100),
  },
};

const rows = [];
for (const [group, cases] of Object.entries(groups)) {
  const bench = new Bench({ time: 400, warmupTime: 100 });
  for (const [name, fn] of Object.entries(cases)) bench.add(name, fn);
  await bench.run();
  const ours = bench.tasks[0].result.latency.mean;
  for (const task of bench.tasks) {
    const mean = task.result.latency.mean;
    rows.push({ group, library: task.name, 'mean µs': (mean * 1000).toFixed(1), 'peer/usersync': (mean / ours).toFixed(2) });
  }
}
console.table(rows);
