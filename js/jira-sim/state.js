// The simulated site's data: accounts, groups, service desks, org directory. All mutations go
// through SiteState so derived facts stay consistent, as in Jira Cloud:
//   - product access comes from membership of a product's default access group;
//   - site admin comes from membership of `site-admins`;
//   - suspension keeps group memberships but removes all product access (active: false),
//     and restore gives them back.
import { makeRng, hex, uuid } from './rng.js';

/** Product key → its default access group and display name (NewUserDetails.products values). */
export const PRODUCTS = {
  'jira-software': { group: 'jira-software-users', name: 'Jira Software' },
  'jira-servicedesk': { group: 'jira-servicemanagement-users', name: 'Jira Service Management' },
  'jira-core': { group: 'jira-core-users', name: 'Jira Work Management' },
  'jira-product-discovery': { group: 'jira-product-discovery-users', name: 'Jira Product Discovery' },
};
export const SITE_ADMIN_GROUP = 'site-admins';

const lower = (s) => String(s).toLowerCase();

export class SiteState {
  /** @param {object} seed see seed.js for the shape; @param {number} idSeed */
  constructor(seed, idSeed = 1) {
    this.rng = makeRng(idSeed);
    this.users = new Map(); // accountId → account
    this.byEmail = new Map(); // lowercased email → accountId
    this.groups = new Map(); // groupId → {groupId, name, members: Set<accountId>}
    this.serviceDesks = new Map(); // id → {id, projectId, projectKey, projectName, customers: Set}
    this.org = { orgId: '', directoryId: '', directoryName: '', apiKeys: {}, ...seed.org };
    this.load(seed);
  }

  /** Loads seed data; throws TypeError naming the first inconsistency. */
  load(seed) {
    const bad = (msg) => { throw new TypeError(`seed data: ${msg}`); };
    for (const g of seed.groups ?? []) {
      const spec = typeof g === 'string' ? { name: g } : g;
      if (!spec?.name) bad('a group needs a name');
      if (this.groupByName(spec.name)) bad(`group '${spec.name}' appears twice`);
      this.createGroup(spec.name, spec.groupId);
    }
    const groupId = (name, who) => this.groupByName(name)?.groupId ?? bad(`unknown group '${name}' for ${who}`);
    for (const u of seed.users ?? []) {
      const email = u.emailAddress ?? u.email;
      if (typeof email !== 'string' || !email.includes('@')) bad('every user needs an email');
      if (this.byEmail.has(lower(email))) bad(`email '${email}' appears twice`);
      const acc = this.addAccount({ ...u, emailAddress: email });
      for (const p of u.products ?? []) {
        if (!PRODUCTS[p]) bad(`unknown product '${p}' for ${email}`);
        this.grantProduct(acc.accountId, p);
      }
      for (const name of u.groups ?? []) this.addMember(groupId(name, email), acc.accountId);
      if (u.siteAdmin) this.addMember(groupId(SITE_ADMIN_GROUP, email), acc.accountId);
      if (u.suspended) acc.suspended = true;
    }
    for (const d of seed.serviceDesks ?? []) {
      if (d.id === undefined || !d.projectKey) bad('a service desk needs an id and a projectKey');
      const desk = { projectId: String(10000 + this.serviceDesks.size), projectName: d.projectKey, ...d, id: String(d.id), customers: new Set() };
      for (const email of d.customers ?? []) desk.customers.add(this.byEmail.get(lower(email)) ?? bad(`unknown customer '${email}' for desk ${d.id}`));
      this.serviceDesks.set(desk.id, desk);
    }
  }

  // ---- accounts ----

  newAccountId(accountType) {
    if (accountType === 'customer') return `qm:${uuid(this.rng)}:${uuid(this.rng)}`;
    return `712020:${uuid(this.rng)}`;
  }

  /** Creates an account; the caller has checked that the email is free. */
  addAccount({ accountId, accountType = 'atlassian', emailAddress, displayName, apiToken = null,
    timeZone = 'Etc/UTC', locale = 'en_US' }) {
    const acc = {
      accountId: accountId ?? this.newAccountId(accountType),
      accountType, emailAddress, displayName: displayName ?? String(emailAddress).split('@')[0],
      apiToken, timeZone, locale, suspended: false, avatarKey: hex(this.rng, 6),
    };
    this.users.set(acc.accountId, acc);
    this.byEmail.set(lower(emailAddress), acc.accountId);
    return acc;
  }

  userByEmail(email) {
    const id = this.byEmail.get(lower(email));
    return id ? this.users.get(id) : undefined;
  }

  removeAccount(accountId) {
    const acc = this.users.get(accountId);
    if (!acc) return;
    for (const g of this.groups.values()) g.members.delete(accountId);
    for (const d of this.serviceDesks.values()) d.customers.delete(accountId);
    this.byEmail.delete(lower(acc.emailAddress));
    this.users.delete(accountId);
  }

  isActive(acc) { return !acc.suspended; }

  groupsOf(acc) {
    return [...this.groups.values()].filter((g) => g.members.has(acc.accountId));
  }

  /** Products the account can use now: none while suspended. */
  productsOf(acc) {
    if (acc.suspended) return [];
    return Object.entries(PRODUCTS)
      .filter(([, p]) => this.groupByName(p.group)?.members.has(acc.accountId))
      .map(([key]) => key);
  }

  /** Products granted by group membership, whether or not the account is suspended. */
  grantedProductsOf(acc) {
    return this.productsOf({ ...acc, suspended: false });
  }

  isSiteAdmin(acc) {
    return !acc.suspended && !!this.groupByName(SITE_ADMIN_GROUP)?.members.has(acc.accountId);
  }

  /** Granting a product adds the account to that product's default access group. */
  grantProduct(accountId, product) {
    const acc = this.users.get(accountId);
    if (acc.accountType === 'customer') acc.accountType = 'atlassian';
    const name = PRODUCTS[product].group;
    const group = this.groupByName(name) ?? this.createGroup(name);
    group.members.add(accountId);
  }

  // ---- groups ----

  createGroup(name, groupId) {
    const g = { groupId: groupId ?? uuid(this.rng), name, members: new Set() };
    this.groups.set(g.groupId, g);
    return g;
  }

  groupByName(name, caseInsensitive = true) {
    for (const g of this.groups.values()) {
      if (caseInsensitive ? lower(g.name) === lower(name) : g.name === name) return g;
    }
    return undefined;
  }

  deleteGroup(groupId) { this.groups.delete(groupId); }

  addMember(groupId, accountId) { this.groups.get(groupId).members.add(accountId); }

  removeMember(groupId, accountId) { this.groups.get(groupId).members.delete(accountId); }

  // ---- snapshot for /__sim/state ----

  snapshot() {
    const users = [...this.users.values()];
    return {
      org: { orgId: this.org.orgId, directoryId: this.org.directoryId },
      users: users.map((u) => ({
        accountId: u.accountId, accountType: u.accountType, emailAddress: u.emailAddress,
        displayName: u.displayName, active: this.isActive(u), suspended: u.suspended,
        products: this.productsOf(u), groups: this.groupsOf(u).map((g) => g.name),
        siteAdmin: this.isSiteAdmin(u),
      })),
      groups: [...this.groups.values()].map((g) => ({ groupId: g.groupId, name: g.name, members: [...g.members] })),
      customers: users.filter((u) => u.accountType === 'customer').map((u) => ({
        accountId: u.accountId, emailAddress: u.emailAddress, displayName: u.displayName,
      })),
      serviceDesks: [...this.serviceDesks.values()].map((d) => ({
        id: d.id, projectId: d.projectId, projectKey: d.projectKey, projectName: d.projectName,
        customers: [...d.customers],
      })),
      suspended: users.filter((u) => u.suspended).map((u) => u.accountId),
    };
  }
}
