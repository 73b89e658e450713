// The outbox (Jira work waiting or retrying) and dead letters (work that ran out of
// attempts), with retry and discard.
import { h, mount, note, busy, when } from '../dom.js';

/** `syncUser user=…`, whether the task is tagged inside ({kind, …}) or outside ({syncUser: {…}}). */
export function describeTask(task) {
  if (!task || typeof task !== 'object') return String(task ?? '');
  const tag = ['task', 'kind', 'type'].find((k) => typeof task[k] === 'string') ?? null;
  const [kind, args] = tag ? [task[tag], task] : (Object.entries(task)[0] ?? ['task', {}]);
  const detail = args && typeof args === 'object'
    ? Object.entries(args).filter(([k, v]) => k !== 'conn' && k !== tag && v !== null && v !== undefined).map(([k, v]) => `${k}=${v}`).join(' ')
    : '';
  return `${kind} ${detail}`.trim();
}
const describe = describeTask;

/** A listing page as the core returns it: {entries, nextCursor}. */
const items = (page) => (Array.isArray(page) ? page : page?.entries ?? page?.items ?? []);
const more = (page) => Boolean(page?.nextCursor ?? page?.cursor);

export async function outboxView(ctx) {
  const conn = ctx.conn();
  if (!conn) return note('info', 'Create a connection first.');
  const { id } = conn;
  const [queue, dead] = await Promise.all([
    ctx.api.call('outbox.list', { id }),
    ctx.api.call('deadLetters.list', { id }),
  ]);
  const out = h('div');
  const queued = items(queue);
  const letters = items(dead);
  return [
    out,
    h('section', { class: 'card' }, h('h2', {}, `Outbox (${queued.length}${more(queue) ? '+' : ''})`),
      queued.length === 0 ? note('ok', 'Nothing waiting: Jira is up to date with the IdP.') : h('table', {},
        h('thead', {}, h('tr', {}, ['Task', 'Queued', 'Attempts', 'Next try', 'Last error'].map((t) => h('th', {}, t)))),
        h('tbody', {}, queued.map((it) => h('tr', {},
          h('td', { class: 'mono' }, describe(it.task)), h('td', {}, when(it.enqueuedAt)), h('td', {}, it.attempts ?? 0),
          h('td', {}, when(it.notBefore)), h('td', {}, it.lastError ?? '')))))),
    h('section', { class: 'card' }, h('h2', {}, `Dead letters (${letters.length}${more(dead) ? '+' : ''})`),
      letters.length === 0 ? note('ok', 'No failed work.') : h('table', {},
        h('thead', {}, h('tr', {}, ['Task', 'Failed', 'Error', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, letters.map((dl) => {
          const args = { id, item: dl.id };
          const retry = h('button', { class: 'small', onclick: () => busy(retry, out, async () => { await ctx.api.call('deadLetters.retry', args); await ctx.show(); }) }, 'Retry');
          const discard = h('button', { class: 'danger small', onclick: () => confirm('Discard this work? Jira will not get this change.') && busy(discard, out, async () => { await ctx.api.call('deadLetters.discard', args); await ctx.show(); }) }, 'Discard');
          return h('tr', {}, h('td', { class: 'mono' }, describe(dl.item?.task)), h('td', {}, when(dl.failedAt)), h('td', {}, dl.error ?? ''),
            h('td', { class: 'actions' }, retry, ' ', discard));
        })))),
  ];
}
