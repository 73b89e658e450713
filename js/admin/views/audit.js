// The audit log: what each SCIM request changed and which Jira calls followed, with filters.
import { h, mount, note, field, busy, when } from '../dom.js';

/** One entry: a SCIM request (kind "scim") or one attempt at a Jira task (kind "jira"). */
function row(e) {
  if (e.kind === 'scim') {
    return h('tr', {}, h('td', {}, when(e.at)), h('td', { class: 'mono' }, `SCIM ${e.method} ${e.path}`), h('td', {}, String(e.status)), h('td', {}));
  }
  const calls = (e.calls ?? []).map((c) => `${c.endpoint} → ${c.status || 'no answer'}`).join('\n');
  return h('tr', {}, h('td', {}, when(e.at)), h('td', { class: 'mono' }, `Jira ${e.task ?? ''} ${e.subject ?? ''}`),
    h('td', {}, [e.result ?? '', e.detail ? ` (${e.detail})` : '']), h('td', { class: 'mono pre' }, calls));
}

export async function auditView(ctx) {
  const conn = ctx.conn();
  const results = h('div');
  const out = h('div');
  const status = h('input', { name: 'status', placeholder: '404, 4xx or failed', size: 12 });
  const since = h('input', { type: 'datetime-local', name: 'since' });
  const search = h('button', { type: 'submit' }, 'Search');
  let cursor = null;

  async function load(append) {
    const filter = { status: status.value.trim() || undefined, since: since.value ? Date.parse(since.value) : undefined };
    const page = await ctx.api.call('audit.list', { id: conn?.id ?? null, filter, cursor: append ? cursor : null });
    const entries = Array.isArray(page) ? page : page?.entries ?? [];
    cursor = page?.nextBefore ?? page?.cursor ?? null;
    const body = append ? results.querySelector('tbody') : null;
    const rows = entries.map(row);
    if (body) body.append(...rows);
    else {
      mount(results, entries.length === 0 ? note('info', 'No audit entries match.') : h('table', {},
        h('thead', {}, h('tr', {}, ['When', 'What', 'Result', 'Jira calls'].map((t) => h('th', {}, t)))), h('tbody', {}, rows)));
    }
    if (cursor) {
      const more = h('button', { class: 'secondary', onclick: () => busy(more, out, async () => { more.remove(); await load(true); }) }, 'More');
      results.append(h('div', { class: 'buttons' }, more));
    }
  }

  const form = h('form', {
    onsubmit: (e) => { e.preventDefault(); busy(search, out, () => load(false)); },
  }, h('div', { class: 'grid' }, field('Status', status), field('Since', since)), h('div', { class: 'buttons' }, search));
  await load(false);
  return h('section', { class: 'card' }, h('h2', {}, `Audit log${conn ? ` for "${conn.name}"` : ''}`), form, out, results);
}
