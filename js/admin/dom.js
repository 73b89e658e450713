// Small DOM helpers: elements built from data (never HTML strings, so IdP-supplied text
// can't inject markup), messages, copy buttons, and form field shorthands.

/** h('button', {class: 'x', onclick}, 'text', child…) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces the children of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  for (const c of children.flat(Infinity)) if (c) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
}

/** A message line: kind is 'error', 'ok' or 'info'. */
export function note(kind, text) {
  return h('p', { class: `note ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A read-only value with a Copy button (for base URLs and tokens). */
export function copyField(label, value, { secret = false } = {}) {
  const input = h('input', { readonly: true, value, class: secret ? 'mono secret' : 'mono', 'aria-label': label });
  const button = h('button', {
    type: 'button',
    class: 'small',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(value);
      } catch {
        input.select();
        document.execCommand?.('copy');
      }
      button.textContent = 'Copied';
      setTimeout(() => { button.textContent = 'Copy'; }, 1500);
    },
  }, 'Copy');
  return h('div', { class: 'copy' }, h('label', {}, label), h('div', { class: 'row' }, input, button));
}

export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', {}, label), control, hint ? h('small', {}, hint) : null);
}

export function select(name, options, current) {
  return h('select', { name }, options.map(([value, text]) => h('option', { value, selected: value === current ? true : undefined }, text)));
}

/** Runs `fn` with `button` disabled, showing any error in `out`. */
export async function busy(button, out, fn) {
  button.disabled = true;
  try {
    return await fn();
  } catch (err) {
    if (out) mount(out, note('error', err.message));
    return undefined;
  } finally {
    button.disabled = false;
  }
}

export function when(ms) {
  return ms ? new Date(ms).toLocaleString() : '';
}
