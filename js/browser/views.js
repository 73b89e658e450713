// The live view: the simulated Jira site (users with their products, groups and members,
// JSM customers per service desk) and the core's outbox and audit log. Rendered again
// after every console request, drain and settings change.
import { h, fill, table, badge, statusTone } from './ui.js';

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

const time = (ms) => new Date(ms).toLocaleTimeString([], { hour12: false });
const taskText = (t) => [t.task, t.user ?? t.group ?? '', t.desk ? `desk ${t.desk}` : ''].filter(Boolean).join(' ');

/** The audit log, newest first: SCIM requests and the Jira work each caused. */
export function renderAudit(el, page) {
  const entries = page.entries ?? [];
  fill(el,
    h('p.muted', `Newest ${entries.length} entries${page.nextBefore ? ' (older ones exist)' : ''}.`),
    table(['Time', 'Kind', 'What', 'Result'], entries.map((e) => (e.kind === 'scim'
      ? [time(e.at), badge('SCIM', 'plain'), h('span.ids', `${e.method} ${e.path}`), badge(String(e.status), statusTone(e.status))]
      : [time(e.at), badge('Jira', 'plain'),
        [h('div.ids', `${e.task} ${e.subject ?? ''}`), ...(e.calls ?? []).map((c) => h('div.small.muted', `${c.endpoint} → ${c.status}${c.attempt > 1 ? ` (attempt ${c.attempt})` : ''}`))],
        [badge(e.result ?? '?', e.result === 'done' ? 'ok' : e.result === 'failed' ? 'bad' : 'warn'), e.detail ? h('div.small', e.detail) : null]])),
    { rowAttrs: (i) => ({ dataset: { kind: entries[i].kind } }) }));
}

/** Queued Jira work and dead letters (work that ran out of retries). */
export function renderOutbox(el, queue, dead) {
  const items = queue.entries ?? [];
  const letters = dead.entries ?? [];
  fill(el,
    h('h3', `Queued (${items.length}${queue.nextCursor ? '+' : ''})`),
    table(['Task', 'Attempts', 'Not before', 'Last error'], items.map((q) => [
      taskText(q.task), String(q.attempts), q.notBefore ? time(q.notBefore) : 'now', q.lastError ?? '',
    ]), { empty: 'Nothing queued: every write\'s Jira work is done.' }),
    h('h3', `Dead letters (${letters.length}${dead.nextCursor ? '+' : ''})`),
    table(['Task', 'Error', 'Failed at'], letters.map((d) => [taskText(d.item.task), d.error, time(d.failedAt)]), { empty: 'None.' }));
}

/** A view that could not load: says why. */
export function renderUnavailable(el, message) {
  fill(el, h('p.empty', message));
}
