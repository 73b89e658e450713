// Connections: list, create (IdP kind, SCIM version, sync mode), rotate the token, delete.
// A new token is shown once, next to the SCIM base URL, with copy buttons.
import { h, mount, note, copyField, field, select, busy } from '../dom.js';

export const KINDS = [['okta', 'Okta'], ['entra', 'Microsoft Entra ID'], ['onelogin', 'OneLogin'], ['jumpcloud', 'JumpCloud'],
  ['google', 'Google'], ['keycloak', 'Keycloak'], ['miniorange', 'miniOrange'], ['generic', 'Other SCIM client']];
const kindName = (k) => KINDS.find(([v]) => v === k)?.[1] ?? k;
const modeName = (m) => (m === 'customer' ? 'Customer Sync' : 'User Sync');

function shownOnce(title, baseUrl, token) {
  return h('section', { class: 'card once', 'aria-live': 'polite' },
    h('h2', {}, title),
    h('p', {}, 'Paste these into your IdP now. The token is shown only this once.'),
    copyField('SCIM base URL', baseUrl),
    copyField('API token (Bearer)', token, { secret: true }));
}

export async function connectionsView(ctx) {
  const once = h('div');
  const out = h('div');
  const list = h('section', { class: 'card' }, h('h2', {}, 'IdP connections'), table(ctx, once, out));

  const name = h('input', { name: 'name', required: true, placeholder: 'e.g. Okta production' });
  const kind = select('idp', KINDS, 'okta');
  const scim = select('scim', [['2.0', 'SCIM 2.0'], ['1.1', 'SCIM 1.1']], '2.0');
  const mode = select('mode', [['user', 'User Sync (Jira accounts)'], ['customer', 'Customer Sync (JSM customers)']], 'user');
  const createOut = h('div');
  const submit = h('button', { type: 'submit' }, 'Create connection');
  const form = h('form', {
    onsubmit: (e) => {
      e.preventDefault();
      busy(submit, createOut, async () => {
        const created = await ctx.api.call('connections.create', { name: name.value, idp: kind.value, scim: scim.value, mode: mode.value });
        ctx.connId = created.connection.id;
        await ctx.reload();
        await ctx.show();
        document.getElementById('main').prepend(shownOnce(`Created "${created.connection.name}"`, created.scimBaseUrl, created.token));
      });
    },
  }, h('div', { class: 'grid' }, field('Name', name), field('Identity provider', kind), field('SCIM version', scim), field('Mode', mode)),
  h('div', { class: 'buttons' }, submit));

  return [once, out, list, h('section', { class: 'card' }, h('h2', {}, 'New connection'), form, createOut)];
}

function table(ctx, once, out) {
  if (ctx.connections.length === 0) return note('info', 'No connections yet. Create one below, then paste its SCIM base URL and token into your IdP.');
  return h('table', {},
    h('thead', {}, h('tr', {}, ['Name', 'IdP', 'SCIM', 'Mode', 'SCIM base URL', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, ctx.connections.map((c) => {
      const rotate = h('button', {
        class: 'secondary small',
        onclick: () => {
          if (!confirm(`Make a new token for "${c.name}"? The current token stops working at once.`)) return;
          busy(rotate, out, async () => {
            const token = await ctx.api.call('connections.rotate', { id: c.id });
            mount(out);
            mount(once, shownOnce(`New token for "${c.name}"`, c.scimBaseUrl, token));
          });
        },
      }, 'Rotate token');
      const remove = h('button', {
        class: 'danger small',
        onclick: () => {
          if (!confirm(`Delete "${c.name}" and its SCIM data? Jira accounts stay as they are; the IdP can no longer provision.`)) return;
          busy(remove, out, async () => {
            await ctx.api.call('connections.remove', { id: c.id });
            await ctx.reload();
            await ctx.show();
          });
        },
      }, 'Delete');
      return h('tr', {},
        h('td', {}, c.name), h('td', {}, kindName(c.idp)), h('td', {}, c.scim), h('td', {}, modeName(c.mode)),
        h('td', {}, copyField('', c.scimBaseUrl)),
        h('td', { class: 'actions' }, rotate, ' ', remove));
    })));
}
