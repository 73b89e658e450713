// `usersync idp add|list|rotate-token|remove`: IdP connections.
import { STORE_OPTIONS, flags, oneOf, required, table, withAdmin } from '../context.js';

const KINDS = ['okta', 'entra', 'onelogin', 'jumpcloud', 'google', 'keycloak', 'miniorange', 'generic'];
const USAGE = {
  add: `usersync idp add --name N --kind ${KINDS.join('|')} --scim 2.0|1.1 --mode user|customer [--json]`,
  list: 'usersync idp list [--json]',
  'rotate-token': 'usersync idp rotate-token ID [--json]',
  remove: 'usersync idp remove ID',
};

const SUB = {
  async add(argv, out) {
    const f = flags(argv, { ...STORE_OPTIONS, name: { type: 'string' }, kind: { type: 'string', default: 'generic' }, scim: { type: 'string', default: '2.0' }, mode: { type: 'string', default: 'user' }, json: { type: 'boolean' } }, USAGE.add);
    const args = {
      name: required('name', f.name, USAGE.add),
      idp: oneOf('kind', f.kind, KINDS),
      scim: oneOf('scim', f.scim, ['2.0', '1.1']),
      mode: oneOf('mode', f.mode, ['user', 'customer']),
    };
    const created = await withAdmin(f, (admin) => admin.call('connections.create', args));
    if (f.json) {
      out.write(`${JSON.stringify({ id: created.connection.id, scimBaseUrl: created.scimBaseUrl, token: created.token })}\n`);
      return;
    }
    out.write(`Created connection ${created.connection.id} "${created.connection.name}" (${args.idp}, SCIM ${args.scim}, ${args.mode === 'user' ? 'User Sync' : 'Customer Sync'}).\n`
      + `  SCIM base URL  ${created.scimBaseUrl}\n  API token      ${created.token}\n`
      + 'The token is shown this once; `usersync idp rotate-token ID` makes a new one.\n');
  },

  async list(argv, out) {
    const f = flags(argv, { ...STORE_OPTIONS, json: { type: 'boolean' } }, USAGE.list);
    const conns = await withAdmin(f, (admin) => admin.call('connections.list'));
    if (f.json) {
      out.write(`${JSON.stringify(conns)}\n`);
      return;
    }
    if (conns.length === 0) {
      out.write('No connections. Add one with: usersync idp add --name N --kind okta\n');
      return;
    }
    table(out, ['ID', 'NAME', 'KIND', 'SCIM', 'MODE', 'SCIM BASE URL'], conns.map((c) => [c.id, c.name, c.idp, c.scim, c.mode, c.scimBaseUrl]));
  },

  async 'rotate-token'(argv, out) {
    const f = flags(argv, { ...STORE_OPTIONS, json: { type: 'boolean' } }, USAGE['rotate-token'], { positionals: 1 });
    const id = required('ID', f._[0], USAGE['rotate-token']);
    const token = await withAdmin(f, (admin) => admin.call('connections.rotate', { id }));
    out.write(f.json ? `${JSON.stringify({ id, token })}\n` : `New API token for ${id} (shown once; the old one no longer works):\n  ${token}\n`);
  },

  async remove(argv, out) {
    const f = flags(argv, STORE_OPTIONS, USAGE.remove, { positionals: 1 });
    const id = required('ID', f._[0], USAGE.remove);
    await withAdmin(f, (admin) => admin.call('connections.remove', { id }));
    out.write(`Removed connection ${id} and its SCIM data. Jira accounts were not changed.\n`);
  },
};

export async function main([sub, ...argv], { stdout = process.stdout } = {}) {
  const run = SUB[sub];
  if (!run) throw new Error(`expected a subcommand: ${Object.keys(SUB).join(', ')}${sub ? `; found '${sub}'` : ''}`);
  await run(argv, stdout);
}
