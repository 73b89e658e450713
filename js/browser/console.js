// The SCIM console: lifecycle presets (presets.js, built from the golden fixtures), a free
// request editor, the core's response with status and headers, and the Jira calls the
// request caused (or, with dry-run on, would cause).
import { LIFECYCLES } from './presets.js';
import { h, fill, table, pretty, badge, statusTone } from './ui.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `{{name}}` placeholders still in `text`. */
const placeholders = (text) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

/** Fills `{{name}}` from `vars`; throws naming the first one no step has captured yet. */
export function resolve(text, vars) {
  const missing = placeholders(text).find((name) => !(name in vars));
  if (missing) throw new Error(`{{${missing}}} is not known yet: run the step that creates it first`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => vars[name]);
}

/** "Name: value" lines → [[name, value]]. */
function parseHeaders(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const i = line.indexOf(':');
    if (i < 1) throw new Error(`expected "Name: value", found ${JSON.stringify(line)}`);
    return [line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()];
  });
}

/**
 * @param {HTMLElement} root
 * @param {object} app {session (session.js), send(connId, request, {dryRun}), changed()}
 */
export function mountConsole(root, app) {
  let lifecycle = LIFECYCLES[0];
  let target = app.session.defaultFor(lifecycle.id); // the connection requests go to
  let current = null; // the preset in the editor, if any
  const results = new Map(); // `${lc.id}@${connId}:${i}` → status of the last run
  const resultKey = (i) => `${lifecycle.id}@${target}:${i}`;

  const connection = h('select#req-connection', {
    'aria-label': 'Connection',
    onfocus: () => renderConnections(), // connections made in the admin UI since
    onchange: () => { target = connection.value; load(current?.index ?? null); renderSteps(); app.changed(); },
  });
  const method = h('select#req-method', { 'aria-label': 'Method' }, METHODS.map((m) => h('option', m)));
  const path = h('input#req-path', { 'aria-label': 'Path', spellcheck: 'false', placeholder: '/Users' });
  const base = h('code#req-base');
  const headers = h('textarea#req-headers', { rows: 2, spellcheck: 'false', 'aria-label': 'Extra headers',
    placeholder: 'Extra headers, one "Name: value" a line (Authorization is the connection\'s token unless given)' });
  const body = h('textarea#req-body', { rows: 14, spellcheck: 'false', 'aria-label': 'Body' });
  const dryRun = h('input#req-dry-run', { type: 'checkbox' });
  const sendButton = h('button#req-send.primary', { type: 'submit' }, 'Send');
  const source = h('p#req-source.muted');
  const tabs = h('div.tabs#lifecycles', { role: 'tablist' });
  const steps = h('ol.steps#steps');
  const response = h('div#response');
  const calls = h('div#calls');

  const form = h('form#request', { onsubmit: (e) => { e.preventDefault(); run(); } },
    h('div.line', h('label', 'Send to ', connection)),
    h('div.line', method, h('span.base', base), path),
    body, headers,
    h('div.line', h('label', dryRun, ' Dry run: show the Jira calls without storing or calling anything'), sendButton));

  fill(root,
    h('h2', 'SCIM console'),
    tabs,
    h('div.console-grid',
      h('div', h('h3', 'Presets'), steps, h('button#run-all', { type: 'button', onclick: runAll }, 'Run every step in order')),
      h('div', h('h3', 'Request'), source, form)),
    h('h3', 'Response'), response,
    h('h3', 'Jira calls'), calls);

  function renderTabs() {
    fill(tabs, LIFECYCLES.map((lc) => h('button', {
      type: 'button', role: 'tab', 'aria-selected': String(lc === lifecycle), dataset: { lifecycle: lc.id },
      onclick: () => {
        lifecycle = lc;
        target = app.session.defaultFor(lc.id);
        renderTabs(); renderConnections(); renderSteps(); load(null); app.changed();
      },
    }, lc.title)));
  }

  function renderConnections() {
    const mine = app.session.defaultFor(lifecycle.id);
    fill(connection, app.session.connections().map((c) => h('option', { value: c.id, selected: c.id === target },
      c.id === mine ? `${c.name} (this lifecycle's)` : c.name)));
  }

  function renderSteps() {
    fill(steps, lifecycle.steps.map((p, i) => {
      const last = results.get(resultKey(i));
      return h('li', { dataset: { step: String(i), kind: p.step } },
        h('button.run', { type: 'button', title: `Run: ${p.label}`, 'aria-label': `Run: ${p.label}`, onclick: () => { load(i); return run(); } }, '▶'),
        h('button.link', { type: 'button', title: p.description ?? '', onclick: () => load(i) }, p.label),
        h('span.kind', p.step),
        last === undefined ? null : h('span.result', { dataset: { status: String(last) } }, badge(String(last), statusTone(last))));
    }));
  }

  function load(i) {
    current = i === null ? null : { index: i, preset: lifecycle.steps[i] };
    const p = current?.preset;
    const conn = app.session.connection(target);
    base.textContent = conn ? conn.basePath : '(no connection)';
    method.value = p?.method ?? 'GET';
    path.value = p?.path ?? '/Users';
    body.value = p?.body === undefined ? '' : JSON.stringify(p.body, null, 2);
    fill(source, p ? [h('b', p.source ?? 'no fixture'), ': ', p.description ?? 'a request with no body'] : 'Free request.');
    for (const li of steps.children) li.classList.toggle('current', li.dataset.step === String(i));
  }

  async function run() {
    const vars = app.session.vars(lifecycle.id, target);
    const preset = current?.preset;
    sendButton.disabled = true;
    try {
      const request = {
        method: method.value,
        path: resolve(path.value.trim(), vars),
        headers: parseHeaders(headers.value),
        body: body.value.trim() === '' ? undefined : resolve(body.value, vars),
      };
      const outcome = await app.send(target, request, { dryRun: dryRun.checked });
      showResponse(outcome);
      if (current && !dryRun.checked) results.set(resultKey(current.index), outcome.response?.status ?? 'error');
      const id = outcome.response && outcome.response.status < 300 ? idOf(outcome.response.body) : null;
      if (preset?.capture && id && !dryRun.checked) await app.session.setVar(lifecycle.id, target, preset.capture, id);
    } catch (err) {
      showError(err);
      if (current) results.set(resultKey(current.index), 'error');
    } finally {
      sendButton.disabled = false;
      renderSteps();
      await app.changed();
    }
  }

  async function runAll() {
    for (let i = 0; i < lifecycle.steps.length; i++) {
      load(i);
      await run();
    }
  }

  function showResponse({ response: res, calls: made, tasks, dryRun: dry }) {
    fill(response, h('p.status', badge(String(res.status), statusTone(res.status)), dry ? ' (dry run: nothing stored)' : ''),
      table(['Header', 'Value'], headerPairs(res.headers), { empty: 'No headers.' }),
      h('pre#response-body', pretty(res.body) || '(no body)'));
    fill(calls, h('p.muted', dry ? 'Jira calls this request would cause:' : 'Jira calls this request caused:'),
      dry
        ? table(['Task', 'First Jira call', 'Details'], made.map(previewCells), { empty: 'None.' })
        : table(['Method', 'URL', 'Status', 'Body'], made.map(callCells), {
          empty: 'None.', rowAttrs: (i) => ({ dataset: { call: `${made[i].method} ${made[i].path}` } }),
        }),
      tasks ? [h('p.muted', 'Outbox tasks it would queue:'), tasks.length ? h('pre', pretty(tasks)) : h('p.empty', 'None.')] : null);
  }

  function showError(err) {
    fill(response, h('p.status', badge('error', 'bad'), ' ', err?.message ?? String(err)));
    fill(calls);
  }

  renderTabs();
  renderConnections();
  renderSteps();
  load(null);
  return { lifecycle: () => lifecycle.id, connection: () => target };
}

function idOf(text) {
  try {
    return JSON.parse(text)?.id ?? null;
  } catch {
    return null;
  }
}

/** One Jira call from the simulator's log. */
function callCells(c) {
  return [
    c.method, c.path + (c.query ? `?${c.query}` : ''),
    badge(String(c.status), statusTone(c.status)),
    c.body ? h('details', h('summary', 'body'), h('pre', pretty(c.body))) : '',
  ];
}

/** One task of a dry run: the first Jira call it would make (an operation and its inputs), or why none. */
function previewCells({ task, call, note }) {
  if (!call) return [task ?? '', h('span.muted', note ?? ''), ''];
  const { op, ...args } = call;
  return [task ?? '', op ?? '', Object.entries(args).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')];
}

function headerPairs(headers) {
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers ?? {});
  return pairs.map(([k, v]) => [k, v]);
}
