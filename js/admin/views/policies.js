// Provisioning toggles and policies, and group mappings (IdP group → Jira groups, or in
// Customer Sync → service desks), both saved into the connection's policies.
import { h, mount, note, field, select, busy } from '../dom.js';

const CHOICES = {
  deactivation: [['removeProductAccess', 'Remove product access'], ['suspend', 'Suspend (needs the org admin API)'], ['nothing', 'Do nothing']],
  rename: [['recreate', 'Create the new group, move members, delete the old'], ['keepOldName', 'Keep the Jira group under its old name']],
  groupDelete: [['keep', 'Keep the Jira group'], ['delete', 'Delete the Jira group']],
  displayName: [['displayName', 'displayName'], ['givenFamily', 'given + family name'], ['userName', 'userName']],
};

async function savePolicies(ctx, conn, policies) {
  await ctx.api.call('connections.update', { id: conn.id, update: { policies } });
  await ctx.reload();
}

export async function policiesView(ctx) {
  const conn = ctx.conn();
  if (!conn) return note('info', 'Create a connection first.');
  const p = conn.policies ?? {};
  const out = h('div');
  const toggle = (name, label, hint) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name, checked: p[name] }), label, hint ? h('small', { class: 'muted' }, ` ${hint}`) : null);
  const importUsers = toggle('importUsers', 'Import users', '(create Jira accounts; off: only link existing ones by email)');
  const importGroups = toggle('importGroups', 'Import groups', '(create Jira groups; off: only link existing ones by name)');
  const selects = Object.fromEntries(Object.entries(CHOICES).map(([k, opts]) => [k, select(k, opts, p[k])]));
  // Empty means the conventional names for the connection's products (the core knows them).
  const accessGroups = h('input', {
    name: 'productAccessGroups', value: (p.productAccessGroups ?? []).join(', '), 'aria-label': 'Product-access groups',
    placeholder: 'the conventional names (jira-software-users, …)',
  });
  const save = h('button', { type: 'submit' }, 'Save');
  return h('section', { class: 'card' }, h('h2', {}, `Provisioning for "${conn.name}"`),
    h('form', {
      onsubmit: (e) => {
        e.preventDefault();
        busy(save, out, async () => {
          await savePolicies(ctx, conn, {
            ...p,
            importUsers: importUsers.querySelector('input').checked,
            importGroups: importGroups.querySelector('input').checked,
            ...Object.fromEntries(Object.entries(selects).map(([k, s]) => [k, s.value])),
            productAccessGroups: values(accessGroups).length ? values(accessGroups) : null,
          });
          mount(out, note('ok', 'Saved.'));
        });
      },
    },
    importUsers, importGroups,
    h('div', { class: 'grid' },
      field('When a user is deactivated', selects.deactivation),
      field('When a group is renamed', selects.rename),
      field('When a group is deleted', selects.groupDelete),
      field('Display name of new accounts', selects.displayName),
      field('Product-access groups', accessGroups, 'left and rejoined by "Remove product access"; comma separated, for sites whose groups have a suffix (jira-software-users-mysite)')),
    h('div', { class: 'buttons' }, save), out));
}

/**
 * Options for Jira groups or service desks read from Jira (`truncated` when the core stopped
 * at its cap), or {error} when Jira can't be read.
 */
async function jiraChoices(ctx, conn, customer) {
  try {
    const list = await ctx.api.call(customer ? 'jira.serviceDesks' : 'jira.groups', { id: conn.id });
    const options = customer
      ? list.items.map((d) => [String(d.id), `${d.projectName ?? d.id} (${d.projectKey ?? d.id})`])
      : list.items.map((g) => [g.name, g.name]);
    return Object.assign(options, { truncated: list.truncated });
  } catch (err) {
    return { error: err.message };
  }
}

export async function mappingsView(ctx) {
  const conn = ctx.conn();
  if (!conn) return note('info', 'Create a connection first.');
  const customer = conn.mode === 'customer';
  const target = customer ? 'serviceDesks' : 'jiraGroups';
  const choices = await jiraChoices(ctx, conn, customer);
  const out = h('div');
  const rows = h('tbody');

  const row = (m = { idpGroup: '', jiraGroups: [], serviceDesks: [] }) => {
    const idp = h('input', { value: m.idpGroup, placeholder: 'IdP group displayName', 'aria-label': 'IdP group' });
    const picked = m[target] ?? [];
    const pick = Array.isArray(choices)
      ? h('select', { multiple: true, 'aria-label': customer ? 'Service desks' : 'Jira groups' },
        [...choices, ...picked.filter((v) => !choices.some(([c]) => c === v)).map((v) => [v, v])]
          .map(([v, t]) => h('option', { value: v, selected: picked.includes(v) ? true : undefined }, t)))
      : h('input', { value: picked.join(', '), placeholder: customer ? 'service desk ids, comma separated' : 'Jira group names, comma separated' });
    const tr = h('tr', {}, h('td', {}, idp), h('td', {}, pick),
      h('td', { class: 'actions' }, h('button', { type: 'button', class: 'danger small', onclick: () => tr.remove() }, 'Remove')));
    tr.read = () => ({
      idpGroup: idp.value.trim(),
      jiraGroups: customer ? [] : values(pick),
      serviceDesks: customer ? values(pick) : [],
    });
    return tr;
  };
  mount(rows, (conn.policies?.groupMappings ?? []).map(row));

  const save = h('button', { type: 'button', onclick: () => busy(save, out, async () => {
    const mappings = [...rows.children].map((tr) => tr.read()).filter((m) => m.idpGroup);
    await savePolicies(ctx, conn, { ...conn.policies, groupMappings: mappings });
    mount(out, note('ok', `Saved ${mappings.length} mapping(s).`));
  }) }, 'Save mappings');

  return h('section', { class: 'card' },
    h('h2', {}, `Group mappings for "${conn.name}"`),
    h('p', { class: 'muted' }, customer
      ? 'Members of an IdP group get portal access to these service desks.'
      : 'Members of an IdP group are added to these Jira groups (on top of the group itself, when groups are pushed).'),
    Array.isArray(choices) ? null : note('error', `Could not read the lists from Jira (${choices.error}); type the names instead.`),
    choices.truncated ? note('info', `Jira has more than the ${choices.length} listed here; mappings saved before keep their other names.`) : null,
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'IdP group'), h('th', {}, customer ? 'Service desks' : 'Jira groups'), h('th', {}))), rows),
    h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'secondary', onclick: () => rows.append(row()) }, 'Add mapping'), save),
    out);
}

function values(control) {
  if (control.tagName === 'SELECT') return [...control.selectedOptions].map((o) => o.value);
  return control.value.split(',').map((s) => s.trim()).filter(Boolean);
}
