// The admin UI: sign-in, a connection picker and one view per section. Every server call
// goes through `transport.call(method, args)` (transport.js), so the Forge admin page can
// reuse all of this with its own transport: `start({transport, signIn: false})`.
import { h, mount, note } from './dom.js';
import { httpTransport } from './transport.js';
import { connectionsView } from './views/connections.js';
import { jiraView } from './views/jira.js';
import { policiesView, mappingsView } from './views/policies.js';
import { outboxView } from './views/outbox.js';
import { auditView } from './views/audit.js';
import { dryRunView, reconcileView } from './views/tools.js';

const SECRET_KEY = 'usersync.admin';

const SECTIONS = [
  ['connections', 'Connections', connectionsView],
  ['jira', 'Jira', jiraView],
  ['policies', 'Provisioning', policiesView],
  ['mappings', 'Group mappings', mappingsView],
  ['outbox', 'Outbox', outboxView],
  ['audit', 'Audit log', auditView],
  ['dry-run', 'Dry run', dryRunView],
  ['reconcile', 'Reconcile', reconcileView],
];

const $ = (id) => document.getElementById(id);

/** Starts the UI with `transport`; `signIn: true` asks for the admin secret first. */
export async function start({ transport, signIn = true }) {
  const ctx = { api: transport, info: null, connections: [], connId: null };

  ctx.reload = async () => {
    ctx.connections = await transport.call('connections.list');
    if (!ctx.connections.some((c) => c.id === ctx.connId)) ctx.connId = ctx.connections[0]?.id ?? null;
  };
  ctx.conn = () => ctx.connections.find((c) => c.id === ctx.connId) ?? null;
  ctx.show = () => render(ctx);

  try {
    ctx.info = await transport.call('host.info');
    await ctx.reload();
  } catch (err) {
    if (signIn && err.status === 401) return showSignIn();
    return mount($('main'), note('error', err.message));
  }
  header(ctx, signIn);
  window.addEventListener('hashchange', () => render(ctx));
  return render(ctx);
}

function header(ctx, signOut) {
  mount($('banner'), ctx.info.jiraSimulated
    ? h('span', { class: 'simulated', role: 'status' }, 'Jira is simulated: calls go to the built-in simulator at ', h('code', {}, ctx.info.simulatorUrl), '. Set a real site under Jira.')
    : null);
  const picker = h('select', {
    'aria-label': 'Connection',
    onchange: (e) => { ctx.connId = e.target.value; render(ctx); },
  });
  mount($('account'), h('span', { class: 'muted' }, `${ctx.info.store} · v${ctx.info.version}`), picker,
    signOut ? h('button', { class: 'secondary small', onclick: () => { sessionStorage.removeItem(SECRET_KEY); location.reload(); } }, 'Sign out') : null);
  ctx.picker = picker;
}

async function render(ctx) {
  const current = location.hash.slice(1) || 'connections';
  const [id, , view] = SECTIONS.find(([k]) => k === current) ?? SECTIONS[0];
  mount($('nav'), SECTIONS.map(([k, label]) => h('a', { href: `#${k}`, 'aria-current': k === id ? 'page' : undefined }, label)));
  mount(ctx.picker, ctx.connections.length === 0
    ? h('option', { value: '' }, 'no connections')
    : ctx.connections.map((c) => h('option', { value: c.id, selected: c.id === ctx.connId ? true : undefined }, `${c.name} (${c.idp})`)));
  const main = $('main');
  mount(main, note('info', 'Loading…'));
  try {
    mount(main, await view(ctx));
  } catch (err) {
    if (err.status === 401) return showSignIn();
    mount(main, note('error', err.message));
  }
  return undefined;
}

function showSignIn(message) {
  mount($('nav'));
  mount($('account'));
  const input = h('input', { type: 'password', name: 'secret', autocomplete: 'current-password', required: true, 'aria-label': 'Admin secret' });
  const out = h('div');
  const form = h('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      sessionStorage.setItem(SECRET_KEY, input.value.trim());
      const transport = httpTransport(() => sessionStorage.getItem(SECRET_KEY));
      try {
        await transport.call('host.info');
      } catch (err) {
        sessionStorage.removeItem(SECRET_KEY);
        mount(out, note('error', err.status === 401 ? 'That is not the admin secret.' : err.message));
        return;
      }
      start({ transport });
    },
  },
  h('h2', {}, 'Sign in'),
  h('p', { class: 'muted' }, 'Use the admin secret that `usersync serve` printed on its first start (`usersync admin reset-secret` makes a new one). It is not an IdP token.'),
  h('label', { class: 'field' }, h('span', {}, 'Admin secret'), input),
  h('div', { class: 'buttons' }, h('button', { type: 'submit' }, 'Sign in')),
  out);
  mount($('main'), h('section', { class: 'card signin' }, form), message ? note('error', message) : null);
  input.focus();
}

// Served by the Node host: HTTP transport with the secret kept for this browser tab.
if (typeof document !== 'undefined' && !globalThis.USERSYNC_EMBEDDED) {
  start({ transport: httpTransport(() => sessionStorage.getItem(SECRET_KEY)) });
}
