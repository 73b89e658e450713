// Dry run (the Jira calls a SCIM request would cause, nothing stored or sent) and
// reconcile (drift between the SCIM state and Jira, optionally repaired).
import { h, mount, note, field, select, busy } from '../dom.js';
import { checkedSummary, driftDetail } from '../drift.js';

/** One planned Jira call of a dry run (the core's PlannedCall): `syncUser u:{id} → GET /rest/…`. */
function describeCall({ task, subject, call }) {
  return `${task} ${subject} → ${call}`;
}

const EXAMPLE = JSON.stringify({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'jane.doe@example.com',
  name: { givenName: 'Jane', familyName: 'Doe' },
  emails: [{ value: 'jane.doe@example.com', primary: true }],
  active: true,
}, null, 2);

export async function dryRunView(ctx) {
  const conn = ctx.conn();
  if (!conn) return note('info', 'Create a connection first.');
  const method = select('method', ['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => [m, m]), 'POST');
  const path = h('input', { name: 'path', value: '/Users', 'aria-label': 'Path' });
  const body = h('textarea', { name: 'body', class: 'mono', spellcheck: 'false' }, EXAMPLE);
  const run = h('button', { type: 'submit' }, 'Dry run');
  const out = h('div');
  const form = h('form', {
    onsubmit: (e) => {
      e.preventDefault();
      busy(run, out, async () => {
        // No SCIM token: the admin is signed in, and the core dry-runs as the connection.
        const r = await ctx.api.call('dryRun', {
          id: conn.id, request: { method: method.value, path: path.value, body: body.value.trim() || null },
        });
        const calls = r.dryRun?.jiraCalls ?? [];
        return mount(out,
          note(r.status >= 400 ? 'error' : 'info', `SCIM answer ${r.status}; ${calls.length} Jira call(s).`),
          r.status >= 400 ? h('pre', {}, r.body) : null,
          calls.length ? h('pre', { class: 'dry-run-calls' }, calls.map(describeCall).join('\n')) : null);
      });
    },
  }, h('div', { class: 'grid' }, field('Method', method), field('Path', path, `after ${conn.scimBaseUrl}`)),
    field('Body', body), h('div', { class: 'buttons' }, run));
  return h('section', { class: 'card' }, h('h2', {}, 'Dry run'),
    h('p', { class: 'muted' }, 'Shows the Jira calls a SCIM request would cause. Nothing is stored and nothing is sent.'), form, out);
}

export async function reconcileView(ctx) {
  const conn = ctx.conn();
  if (!conn) return note('info', 'Create a connection first.');
  const out = h('div');
  const go = (repair) => async () => {
    const r = await ctx.api.call('reconcile', { id: conn.id, repair });
    const drift = r?.drift ?? [];
    const found = drift.length
      ? `${drift.length} difference(s) between the IdP's state and Jira${repair ? `; ${r.repaired ?? 0} repair task(s) queued` : ''}.`
      : 'No drift: Jira matches the IdP.';
    mount(out,
      note(drift.length ? 'info' : 'ok', found),
      r?.complete === false ? note('error', `The check stopped early: ${r.stopped}`) : null,
      h('p', { class: 'muted' }, checkedSummary(r)),
      drift.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Kind', 'Subject', 'Detail'].map((t) => h('th', {}, t)))),
        h('tbody', {}, drift.map((d) => h('tr', {}, h('td', {}, d.kind ?? ''), h('td', {}, d.user ?? d.group ?? ''), h('td', {}, driftDetail(d)))))) : null);
  };
  const check = h('button', { onclick: () => busy(check, out, go(false)) }, 'Check for drift');
  const repair = h('button', { class: 'secondary', onclick: () => confirm('Queue Jira changes that bring Jira back in line with the IdP?') && busy(repair, out, go(true)) }, 'Repair');
  return h('section', { class: 'card' }, h('h2', {}, `Reconcile "${conn.name}"`),
    h('p', { class: 'muted' }, 'Compares what the IdP pushed with what Jira has: accounts, group memberships, product access.'),
    h('div', { class: 'buttons' }, check, repair), out);
}
