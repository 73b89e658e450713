// The live view: the simulated Jira site (users with their products, groups and members,
// JSM customers per service desk) and the core's outbox and audit log. Rendered again
// after every console request, drain and settings change.
import { h, fill, table, badge, pretty } from './ui.js';

/** Jira's own groups the demo site starts with, listed after the ones usersync made. */
const PRODUCT_GROUPS = /^(site-admins|jira-admins|jira-.*-users)$/;

export function renderJira(el, snapshot) {
  const emailOf = new Map(snapshot.users.map((u) => [u.accountId, u.emailAddress]));
  const users = table(['User', 'Status', 'Products', 'Groups'], snapshot.users.map((u) => [
    [h('div', u.displayName), h('div.muted.small', u.emailAddress)],
    u.accountType === 'customer' ? badge('customer', 'plain')
      : u.active ? badge('active', 'ok') : badge('suspended', 'bad'),
    u.products.map((p) => badge(p.replace(/^jira-/, ''), 'plain')),
    u.groups.filter((g) => !PRODUCT_GROUPS.test(g)).join(', '),
  ]), {
    rowAttrs: (i) => {
      const u = snapshot.users[i];
      return { dataset: { email: u.emailAddress.toLowerCase(), active: String(u.active), products: u.products.join(' '), groups: u.groups.join('|') } };
    },
  });
  const groups = [...snapshot.groups].sort((a, b) =>
    Number(PRODUCT_GROUPS.test(a.name)) - Number(PRODUCT_GROUPS.test(b.name)) || a.name.localeCompare(b.name));
  const groupTable = table(['Group', 'Members'], groups.map((g) => [
    g.name, g.members.map((id) => emailOf.get(id) ?? id).join(', ') || h('span.muted', 'no members'),
  ]), { rowAttrs: (i) => ({ dataset: { group: groups[i].name, members: groups[i].members.map((id) => emailOf.get(id) ?? id).join(' ') } }) });
  const desks = table(['Service desk', 'Customers'], snapshot.serviceDesks.map((d) => [
    `${d.projectKey}: ${d.projectName}`,
    d.customers.map((id) => emailOf.get(id) ?? id).join(', ') || h('span.muted', 'no customers'),
  ]), { rowAttrs: (i) => ({ dataset: { desk: snapshot.serviceDesks[i].projectKey } }) });
  fill(el,
    h('h3', `Users (${snapshot.users.length})`), users,
    h('h3', `Groups (${snapshot.groups.length})`), groupTable,
    h('h3', 'JSM customers per service desk'), desks);
}

/** One page of core records (outbox items, audit events) as a list of JSON blocks. */
export function renderRecords(el, title, result, { unavailable } = {}) {
  if (unavailable) return fill(el, h('p.empty', unavailable));
  const items = Array.isArray(result) ? result : result?.items ?? result?.entries ?? result?.events ?? [];
  fill(el,
    h('p.muted', `${title}: ${items.length} shown${result?.nextCursor || result?.nextBefore ? ' (more exist)' : ''}`),
    items.length === 0 ? h('p.empty', 'Nothing yet.')
      : h('ol.records', items.map((item) => h('li', h('pre', pretty(item))))));
}
