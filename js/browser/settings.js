// Connection settings in the page: sync mode (User Sync or Customer Sync), the policies the
// core applies (imports, deactivation, rename, group delete, display name, products) and
// group mappings (IdP group → Jira groups, or → service desks for Customer Sync). The core
// validates; this form only collects and shows what it answered.
import { h, fill } from './ui.js';

const PRODUCTS = ['jira-software', 'jira-servicedesk', 'jira-core', 'jira-product-discovery'];
const CHOICES = {
  deactivation: [['removeProductAccess', 'Remove product access'], ['suspend', 'Suspend (org admin API)'], ['nothing', 'Leave the account']],
  rename: [['recreate', 'Recreate the Jira group'], ['keepOldName', 'Keep the old Jira name']],
  groupDelete: [['keep', 'Keep the Jira group'], ['delete', 'Delete the Jira group']],
  displayName: [['displayName', 'displayName'], ['givenFamily', 'givenName familyName'], ['userName', 'userName']],
};

const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * @param {HTMLElement} root
 * @param {{connection: object, desks: Array<{id, projectKey, projectName}>, save: (update) => Promise<object>}} opts
 */
export function renderSettings(root, { connection, desks, save }) {
  if (!connection) return fill(root, h('p.empty', 'No connection: the core build has no service API yet.'));
  const p = connection.policies ?? {};
  const select = (name) => h(`select#set-${name}`, { name }, CHOICES[name].map(([v, label]) =>
    h('option', { value: v, selected: p[name] === v }, label)));
  const check = (name, label) => h('label', h('input', { type: 'checkbox', name, checked: Boolean(p[name]) }), ` ${label}`);
  const mode = h('select#set-mode', { name: 'mode' },
    h('option', { value: 'user', selected: connection.mode === 'user' }, 'User Sync: Jira accounts and groups'),
    h('option', { value: 'customer', selected: connection.mode === 'customer' }, 'Customer Sync: JSM customers'));
  const products = h('fieldset', h('legend', 'Products for new accounts'), PRODUCTS.map((prod) =>
    h('label', h('input', { type: 'checkbox', name: 'products', value: prod, checked: (p.products ?? []).includes(prod) }), ` ${prod}`)));
  const rows = h('tbody');
  const addRow = (m = {}) => rows.append(h('tr',
    h('td', h('input', { name: 'idpGroup', value: m.idpGroup ?? '', 'aria-label': 'IdP group' })),
    h('td', h('input', { name: 'jiraGroups', value: (m.jiraGroups ?? []).join(', '), 'aria-label': 'Jira groups' })),
    h('td', h('input', { name: 'serviceDesks', value: (m.serviceDesks ?? []).join(', '), 'aria-label': 'Service desk ids' })),
    h('td', h('button', { type: 'button', onclick: (e) => e.target.closest('tr').remove() }, 'Remove'))));
  for (const m of p.groupMappings ?? []) addRow(m);
  const status = h('p#settings-status.muted');

  const form = h('form#settings', {
    onsubmit: async (e) => {
      e.preventDefault();
      const f = e.target;
      const update = {
        mode: f.mode.value,
        policies: {
          ...p,
          importUsers: f.importUsers.checked,
          importGroups: f.importGroups.checked,
          deactivation: f.deactivation.value,
          rename: f.rename.value,
          groupDelete: f.groupDelete.value,
          displayName: f.displayName.value,
          products: [...f.querySelectorAll('[name=products]:checked')].map((c) => c.value),
          groupMappings: [...rows.children].map((tr) => ({
            idpGroup: tr.querySelector('[name=idpGroup]').value.trim(),
            jiraGroups: list(tr.querySelector('[name=jiraGroups]').value),
            serviceDesks: list(tr.querySelector('[name=serviceDesks]').value),
          })).filter((m) => m.idpGroup),
        },
      };
      status.textContent = 'Saving…';
      try {
        await save(update);
        status.textContent = 'Saved.';
      } catch (err) {
        status.textContent = `Not saved: ${err?.message ?? String(err)}`;
      }
    },
  },
  h('p.muted', `${connection.name} · ${connection.idp} · SCIM ${connection.scim} · ${connection.basePath}`),
  h('label.row', 'Sync mode ', mode),
  check('importUsers', 'Create Jira accounts for users Jira doesn\'t have (otherwise only link)'),
  check('importGroups', 'Create Jira groups for pushed groups (otherwise only link)'),
  h('label.row', 'Deactivation ', select('deactivation')),
  h('label.row', 'Group rename ', select('rename')),
  h('label.row', 'Group delete ', select('groupDelete')),
  h('label.row', 'Display name from ', select('displayName')),
  products,
  h('fieldset', h('legend', 'Group mappings'),
    h('table', h('thead', h('tr', h('th', 'IdP group'), h('th', 'Jira groups'), h('th', 'Service desks (Customer Sync)'), h('th'))), rows),
    h('button', { type: 'button', onclick: () => addRow() }, 'Add mapping'),
    h('p.muted', `Service desks: ${desks.map((d) => `${d.id} = ${d.projectKey} (${d.projectName})`).join('; ')}`)),
  h('button.primary', { type: 'submit' }, 'Save settings'), status);
  fill(root, form);
}
