// The audit log: what each SCIM request changed and which Jira calls followed, with filters.
import { h, mount, note, field, select, busy, when } from '../dom.js';

export async function auditView(ctx) {
  const conn = ctx.conn();
  const results = h('div');
  const out = h('div');
  const text = h('input', { name: 'q', placeholder: 'user, group or request id' });
  const outcome = select('outcome', [['', 'any outcome'], ['ok', 'succeeded'], ['error', 'failed']], '');
  const since = h('input', { type: 'datetime-local', name: 'since' });
  const search = h('button', { type: 'submit' }, 'Search');
  let cursor = null;

  async function load(append) {
    const filter = { text: text.value.trim() || undefined, outcome: outcome.value || undefined, since: since.value ? Date.parse(since.value) : undefined };
    const page = await ctx.api.call('audit.list', { id: conn?.id ?? null, filter, cursor: append ? cursor : null });
    const entries = Array.isArray(page) ? page : page?.entries ?? [];
    cursor = page?.cursor ?? null;
    const body = append ? results.querySelector('tbody') : null;
    const rows = entries.map((e) => h('tr', {},
      h('td', {}, when(e.at)), h('td', {}, e.kind ?? e.action ?? ''), h('td', {}, e.subject ?? e.user ?? e.group ?? ''),
      h('td', {}, e.outcome ?? (e.error ? 'error' : 'ok')), h('td', {}, e.detail ?? e.error ?? '')));
    if (body) body.append(...rows);
    else {
      mount(results, entries.length === 0 ? note('info', 'No audit entries match.') : h('table', {},
        h('thead', {}, h('tr', {}, ['When', 'What', 'Subject', 'Outcome', 'Detail'].map((t) => h('th', {}, t)))), h('tbody', {}, rows)));
    }
    if (cursor) {
      const more = h('button', { class: 'secondary', onclick: () => busy(more, out, async () => { more.remove(); await load(true); }) }, 'More');
      results.append(h('div', { class: 'buttons' }, more));
    }
  }

  const form = h('form', {
    onsubmit: (e) => { e.preventDefault(); busy(search, out, () => load(false)); },
  }, h('div', { class: 'grid' }, field('Contains', text), field('Outcome', outcome), field('Since', since)), h('div', { class: 'buttons' }, search));
  await load(false);
  return h('section', { class: 'card' }, h('h2', {}, `Audit log${conn ? ` for "${conn.name}"` : ''}`), form, out, results);
}
