// The harness page: the WASM core with an IndexedDB Host whose fetch reaches the Jira
// simulator running in this tab. One connection per lifecycle (Okta 2.0, Okta 1.1, Entra),
// created on first start and pointed at the simulator as its demo admin; the shared admin UI
// (an iframe) makes more, e.g. a Customer Sync one, and the console can send to any of them.
import { openIdbStore } from './kv.js';
import { openJira, SIM_URL } from './jira.js';
import { createHost } from './host.js';
import { loadCore } from '../node/core.js';
import { openSession } from './session.js';
import { createAdminTransport } from './admin-api.js';
import { mountConsole } from './console.js';
import { renderJira, renderAudit, renderOutbox, renderUnavailable } from './views.js';
import { h, fill, pretty } from './ui.js';

const $ = (sel) => document.querySelector(sel);
const LOG_LIMIT = 200;
/** How long a SCIM request may spend running its Jira work before it answers. */
const DRAIN_BUDGET_MS = 10_000;
const logLines = [];

function log(level, event) {
  logLines.push({ at: new Date().toISOString(), level, event });
  if (logLines.length > LOG_LIMIT) logLines.shift();
}

async function main() {
  const store = await openIdbStore();
  const jira = await openJira(store);
  const host = createHost({ store, fetch: jira.fetch, allowedOrigin: SIM_URL, log });
  const core = await loadCore(host);
  const session = await openSession(store, core, SIM_URL);
  $('#core-version').textContent = `core ${core.version}`;

  let view = 'jira';

  /**
   * Sends a console request through the core. A dry run is the same request with the
   * core's dry-run header: the answer is real, nothing is stored, and the core lists the
   * Jira calls it would make. Otherwise the calls are the simulator's log since the send.
   */
  async function send(connId, request, { dryRun }) {
    const envelope = session.envelope(connId, request, { dryRun, drainBudgetMs: DRAIN_BUDGET_MS });
    const mark = jira.mark();
    const response = await core.handle(envelope);
    if (dryRun) return { dryRun: true, response, calls: previewCalls(response.dryRun?.jiraCalls ?? []), tasks: response.dryRun?.tasks ?? [] };
    return { response, calls: jira.callsSince(mark) };
  }

  async function refresh() {
    renderJira($('#view-jira'), jira.snapshot());
    const connId = consoleApi.connection();
    if (view === 'log') return showLog();
    if (view === 'jira' || view === 'admin') return undefined; // the admin UI renders itself
    try {
      if (view === 'outbox') {
        const [queue, dead] = await Promise.all([core.call('outbox.list', { id: connId }), core.call('deadLetters.list', { id: connId })]);
        renderOutbox($('#view-outbox'), queue, dead);
      } else if (view === 'audit') {
        renderAudit($('#view-audit'), await core.call('audit.list', { id: connId, limit: 100 }));
      }
    } catch (err) {
      renderUnavailable($(`#view-${view}`), `The core answered: ${err?.message ?? String(err)}`);
    }
    return undefined;
  }

  /** The shared admin UI in an iframe, made on first visit (admin-embed.js). */
  function showAdmin() {
    if ($('#admin-frame')) return;
    $('#view-admin').append(h('iframe#admin-frame', { src: 'admin.html', title: 'usersync admin: connections, Jira, provisioning, mappings' }));
  }

  function showLog() {
    fill($('#view-log'), logLines.length === 0 ? h('p.empty', 'The core has logged nothing yet.')
      : h('ol.records', logLines.slice().reverse().map((l) => h('li', h('pre', `${l.at} ${l.level} ${pretty(l.event)}`)))));
  }

  const consoleApi = mountConsole($('#console'), { session, send, changed: refresh });
  const admin = createAdminTransport({ core, session, simUrl: SIM_URL, changed: () => renderJira($('#view-jira'), jira.snapshot()) });

  for (const tab of document.querySelectorAll('#views [role=tab]')) {
    tab.addEventListener('click', () => {
      view = tab.dataset.view;
      for (const t of document.querySelectorAll('#views [role=tab]')) t.setAttribute('aria-selected', String(t === tab));
      for (const panel of document.querySelectorAll('#views [role=tabpanel]')) panel.hidden = panel.id !== `view-${view}`;
      if (view === 'admin') showAdmin();
      refresh();
    });
  }
  $('#drain').addEventListener('click', async () => {
    log('info', { event: 'drain', report: await core.drain(5000) });
    await refresh();
  });
  $('#refresh').addEventListener('click', refresh);
  $('#reset').addEventListener('click', async () => {
    await store.clear();
    location.reload();
  });

  // For a developer at the DevTools console (and the tests): the pieces, live.
  globalThis.usersync = { core, jira, store, session, admin, refresh };
  await refresh();
  document.body.dataset.ready = 'true';
}

/** The core's dry-run preview, one row per task: its first Jira call, or why it makes none. */
function previewCalls(jiraCalls) {
  return jiraCalls.map(({ task, next = {} }) => ({
    task: task?.task, call: next.call, note: next.done ?? next.park ?? next.fail ?? next.error ?? 'no call',
  }));
}

main().catch((err) => {
  const notice = $('#notice');
  notice.hidden = false;
  notice.textContent = `The harness failed to start: ${err?.message ?? String(err)}`;
  document.body.dataset.ready = 'failed';
  throw err;
});
