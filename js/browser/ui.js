// Small DOM helpers for the harness page: element builder, tables, pretty JSON. Text goes in
// through textContent only, so nothing a request or the simulator returns is parsed as HTML.

/**
 * h('div.card#x', {dataset: {step: 1}, onclick}, child, 'text', …) → HTMLElement
 * Attributes: `class`, `dataset`, `on*` handlers, anything else via setAttribute/property.
 */
export function h(tag, attrs = {}, ...children) {
  const [, name = 'div', rest = ''] = tag.match(/^([a-z0-9-]*)(.*)$/i);
  const el = document.createElement(name);
  for (const part of rest.match(/[.#][^.#]+/g) ?? []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  if (attrs === null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs)) {
    children.unshift(attrs);
    attrs = {};
  }
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A table from column headings and rows of cells (cells are nodes or text). */
export function table(headings, rows, { empty = 'Nothing yet.', rowAttrs = () => ({}) } = {}) {
  if (rows.length === 0) return h('p.empty', empty);
  return h('div.scroll', h('table',
    h('thead', h('tr', headings.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.map((cells, i) => h('tr', rowAttrs(i), cells.map((c) => h('td', c)))))));
}

/** JSON text, indented, or the text as it is when it isn't JSON. */
export function pretty(text) {
  if (text === undefined || text === null || text === '') return '';
  try {
    return JSON.stringify(typeof text === 'string' ? JSON.parse(text) : text, null, 2);
  } catch {
    return String(text);
  }
}

/** A small coloured label: `badge('active', 'ok')`. */
export function badge(text, tone = 'plain') {
  return h(`span.badge.${tone}`, text);
}

/** 2xx ok, 4xx warn, 5xx and failures bad. */
export function statusTone(status) {
  if (typeof status !== 'number') return 'bad';
  if (status < 300) return 'ok';
  if (status < 500) return 'warn';
  return 'bad';
}
