// Jira credentials of the selected connection: site, admin email, API token, products and
// the optional org admin key (suspend/restore). Secrets are write-only here: the form says
// whether one is set and leaves it unchanged when the field is left empty.
import { h, mount, note, field, busy } from '../dom.js';

const PRODUCTS = [['jira-software', 'Jira Software'], ['jira-servicedesk', 'Jira Service Management'],
  ['jira-core', 'Jira Work Management'], ['jira-product-discovery', 'Jira Product Discovery']];

export async function jiraView(ctx) {
  const conn = ctx.conn();
  if (!conn) return note('info', 'Create a connection first: Jira settings belong to a connection.');
  const current = (await ctx.api.call('jira.get', { id: conn.id })) ?? {};
  const out = h('div');

  const site = h('input', { name: 'site', type: 'url', required: true, value: current.siteUrl ?? '', placeholder: 'https://your-site.atlassian.net' });
  const email = h('input', { name: 'email', type: 'email', required: true, value: current.adminEmail ?? '', placeholder: 'admin@example.com' });
  const token = h('input', { name: 'apiToken', type: 'password', autocomplete: 'off', placeholder: current.hasApiToken ? 'set: leave empty to keep' : 'API token' });
  const products = PRODUCTS.map(([value, label]) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value, checked: (current.products ?? []).includes(value) }), label));
  const orgId = h('input', { name: 'orgId', value: current.orgId ?? '' });
  const dirId = h('input', { name: 'directoryId', value: current.directoryId ?? '' });
  const orgKey = h('input', { name: 'orgKey', type: 'password', autocomplete: 'off', placeholder: current.hasOrgKey ? 'set: leave empty to keep' : 'optional' });

  const save = h('button', { type: 'submit' }, 'Save');
  const test = h('button', {
    type: 'button',
    class: 'secondary',
    onclick: () => busy(test, out, async () => {
      const me = await ctx.api.call('jira.test', { id: conn.id });
      mount(out, note('ok', `Connected to Jira as ${me.displayName ?? me.emailAddress ?? me.accountId}.`));
    }),
  }, 'Test connection');
  const sim = ctx.info.jiraSimulated ? h('button', {
    type: 'button',
    class: 'secondary',
    onclick: () => busy(sim, out, async () => {
      await ctx.api.call('jira.useSimulator', { id: conn.id });
      await ctx.show();
    }),
  }, 'Use the simulator') : null;

  const form = h('form', {
    onsubmit: (e) => {
      e.preventDefault();
      busy(save, out, async () => {
        const settings = {
          siteUrl: site.value.trim(),
          adminEmail: email.value.trim(),
          products: products.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value),
          orgId: orgId.value.trim(),
          directoryId: dirId.value.trim(),
        };
        if (token.value) settings.apiToken = token.value;
        if (orgKey.value) settings.orgApiKey = orgKey.value;
        await ctx.api.call('jira.set', { id: conn.id, settings });
        await ctx.show();
        document.getElementById('main').prepend(note('ok', 'Saved.'));
      });
    },
  },
  h('div', { class: 'grid' }, field('Site URL', site), field('Admin email', email), field('API token', token, 'id.atlassian.com → Security → API tokens')),
  h('fieldset', {}, h('legend', {}, 'Products for new accounts'), h('div', { class: 'grid' }, products)),
  h('fieldset', {}, h('legend', {}, 'Organization admin API (optional: suspend and restore accounts)'),
    h('div', { class: 'grid' }, field('Organization id', orgId), field('Directory id', dirId), field('Org API key', orgKey))),
  h('div', { class: 'buttons' }, save, test, sim),
  out);

  return h('section', { class: 'card' }, h('h2', {}, `Jira site for "${conn.name}"`),
    current.siteUrl ? null : note('info', 'No Jira site set for this connection yet.'), form);
}
