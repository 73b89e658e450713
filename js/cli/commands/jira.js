// `usersync jira set|show|test`: a connection's Jira site and credentials.
import { STORE_OPTIONS, flags, required, withAdmin } from '../context.js';

const USAGE = {
  set: 'usersync jira set --site URL --email E --token T [--products a,b] [--org-key K --org-id O --directory-id D] [--idp ID] [--simulator]',
  show: 'usersync jira show [--idp ID] [--json]',
  test: 'usersync jira test [--idp ID]',
};

/** The connections a command applies to: --idp ID, else every connection. */
async function targets(admin, id) {
  if (id) return [id];
  const all = await admin.call('connections.list');
  if (all.length === 0) throw new Error('no connections yet: add one with `usersync idp add`');
  return all.map((c) => c.id);
}

const SUB = {
  async set(argv, out) {
    const f = flags(argv, {
      ...STORE_OPTIONS, site: { type: 'string' }, email: { type: 'string' }, token: { type: 'string' },
      products: { type: 'string' }, 'org-key': { type: 'string' }, 'org-id': { type: 'string' },
      'directory-id': { type: 'string' }, idp: { type: 'string' }, simulator: { type: 'boolean' },
    }, USAGE.set);
    const orgFlags = ['org-key', 'org-id', 'directory-id'].filter((k) => f[k] !== undefined);
    if (orgFlags.length > 0 && orgFlags.length < 3) throw new Error('--org-key, --org-id and --directory-id go together (suspend and restore need all three)');
    const settings = {
      siteUrl: required('site', f.site, USAGE.set),
      adminEmail: required('email', f.email, USAGE.set),
      apiToken: required('token', f.token, USAGE.set),
      products: f.products === undefined ? undefined : f.products.split(',').map((p) => p.trim()).filter(Boolean),
      orgApiKey: f['org-key'],
      orgId: f['org-id'],
      directoryId: f['directory-id'],
    };
    await withAdmin(f, async (admin) => {
      // --simulator: the site is a standalone `usersync jira-sim`, which the core accepts only
      // once the operator names it (http and loopback are refused for real sites).
      if (f.simulator) await admin.call('jira.simulator', { url: settings.siteUrl });
      for (const id of await targets(admin, f.idp)) {
        const view = await admin.call('jira.set', { id, settings });
        out.write(`${id}: Jira site ${view.siteUrl} as ${view.adminEmail}${view.orgAccess ? ', org admin API on (suspend/restore)' : ''}\n`);
      }
    });
    out.write('Restart `usersync serve` if it runs with the Jira simulator.\n');
  },

  async show(argv, out) {
    const f = flags(argv, { ...STORE_OPTIONS, idp: { type: 'string' }, json: { type: 'boolean' } }, USAGE.show);
    await withAdmin(f, async (admin) => {
      const views = [];
      for (const id of await targets(admin, f.idp)) views.push({ id, jira: await admin.call('jira.get', { id }) });
      if (f.json) return void out.write(`${JSON.stringify(views)}\n`);
      for (const { id, jira } of views) {
        out.write(jira ? `${id}: ${jira.siteUrl} as ${jira.adminEmail}; products ${jira.products.join(', ') || 'none'}; API token ${jira.hasApiToken ? 'set' : 'missing'}; org key ${jira.hasOrgKey ? 'set' : 'not set'}\n`
          : `${id}: no Jira site\n`);
      }
      return undefined;
    });
  },

  async test(argv, out) {
    const f = flags(argv, { ...STORE_OPTIONS, idp: { type: 'string' } }, USAGE.test);
    await withAdmin(f, async (admin) => {
      for (const id of await targets(admin, f.idp)) {
        const me = await admin.call('jira.test', { id });
        out.write(`${id}: connected as ${me.displayName ?? me.emailAddress ?? me.accountId}\n`);
      }
    });
  },
};

export async function main([sub, ...argv], { stdout = process.stdout } = {}) {
  const run = SUB[sub];
  if (!run) throw new Error(`expected a subcommand: ${Object.keys(SUB).join(', ')}${sub ? `; found '${sub}'` : ''}`);
  await run(argv, stdout);
}
