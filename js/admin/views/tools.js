// Dry run (the Jira calls a SCIM request would cause, nothing stored or sent) and
// reconcile (drift between the SCIM state and Jira, optionally repaired).
import { h, mount, note, field, select, busy } from '../dom.js';
import { describeTask } from './outbox.js';

function describeNext(next = {}) {
  const c = next.call;
  if (c?.op) return `${c.op} ${Object.entries(c).filter(([k]) => k !== 'op').map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' ')}`.trim();
  if (c) return `${c.method ?? ''} ${c.url ?? c.path ?? JSON.stringify(c)}`.trim();
  for (const k of ['done', 'park', 'fail', 'error']) if (next[k]) return `${k}: ${next[k]}`;
  return JSON.stringify(next);
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
  const token = h('input', { name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-label': 'SCIM token' });
  const run = h('button', { type: 'submit' }, 'Dry run');
  const out = h('div');
  const form = h('form', {
    onsubmit: (e) => {
      e.preventDefault();
      busy(run, out, async () => {
        const r = await ctx.api.call('dryRun', {
          id: conn.id, token: token.value.trim(), request: { method: method.value, path: path.value, body: body.value.trim() || null },
        });
        if (r.status === 401) return mount(out, note('error', 'That token is not valid for this connection.'));
        const calls = r.dryRun?.jiraCalls ?? [];
        return mount(out,
          note(r.status >= 400 ? 'error' : 'info', `SCIM answer ${r.status}; ${calls.length} Jira task(s).`),
          r.status >= 400 ? h('pre', {}, r.body) : null,
          calls.length ? h('pre', {}, calls.map(({ task, next }) => `${describeTask(task)}\n  → ${describeNext(next)}`).join('\n')) : null);
      });
    },
  }, h('div', { class: 'grid' }, field('Method', method), field('Path', path, `after ${conn.scimBaseUrl}`),
    field('SCIM token', token, 'a dry run is authenticated like the IdP')), field('Body', body), h('div', { class: 'buttons' }, run));
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
    mount(out,
      note(drift.length ? 'info' : 'ok', drift.length ? `${drift.length} difference(s) between the IdP's state and Jira${repair ? `; ${r.repaired ?? 0} repair task(s) queued` : ''}.` : 'No drift: Jira matches the IdP.'),
      drift.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Kind', 'Subject', 'Detail'].map((t) => h('th', {}, t)))),
        h('tbody', {}, drift.map((d) => h('tr', {}, h('td', {}, d.kind ?? ''), h('td', {}, d.subject ?? d.user ?? d.group ?? ''), h('td', {}, d.detail ?? ''))))) : null);
  };
  const check = h('button', { onclick: () => busy(check, out, go(false)) }, 'Check for drift');
  const repair = h('button', { class: 'secondary', onclick: () => confirm('Queue Jira changes that bring Jira back in line with the IdP?') && busy(repair, out, go(true)) }, 'Repair');
  return h('section', { class: 'card' }, h('h2', {}, `Reconcile "${conn.name}"`),
    h('p', { class: 'muted' }, 'Compares what the IdP pushed with what Jira has: accounts, group memberships, product access.'),
    h('div', { class: 'buttons' }, check, repair), out);
}
