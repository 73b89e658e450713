// `usersync status`, `usersync reconcile`, `usersync dry-run`, `usersync admin reset-secret`.
import { readFile } from 'node:fs/promises';
import { STORE_OPTIONS, flags, required, table, withAdmin } from '../context.js';
import { configFromEnv } from '../../node/config.js';
import { openStore } from '../../node/store.js';
import { resetAdminSecret } from '../../node/admin-auth.js';

export async function status(argv, { stdout: out = process.stdout } = {}) {
  const usage = 'usersync status [--json]';
  const f = flags(argv, { ...STORE_OPTIONS, json: { type: 'boolean' } }, usage);
  const { info, status: st, conns } = await withAdmin(f, async (admin) => ({
    info: await admin.call('host.info'),
    status: await admin.call('status'),
    conns: await admin.call('connections.list'),
  }));
  if (f.json) return void out.write(`${JSON.stringify({ ...st, jiraSimulated: info.jiraSimulated, connections: conns.length })}\n`);
  out.write(`usersync ${info.version}, store ${info.store}, Jira ${info.jiraSimulated ? 'SIMULATED' : 'configured'}, ${conns.length} connection(s)\n`);
  out.write(`outbox: ${st.outbox ?? 0} pending; dead letters: ${st.deadLetters ?? 0}\n`);
  const errors = st.lastErrors ?? [];
  if (errors.length) table(out, ['WHEN', 'CONNECTION', 'ERROR'], errors.map((e) => [e.at ? new Date(e.at).toISOString() : '', e.conn ?? '', e.error ?? e.message ?? '']));
  return undefined;
}

export async function reconcile(argv, { stdout: out = process.stdout, stderr = process.stderr } = {}) {
  const usage = 'usersync reconcile [--idp ID] [--repair] [--json]';
  const f = flags(argv, { ...STORE_OPTIONS, idp: { type: 'string' }, repair: { type: 'boolean' }, json: { type: 'boolean' } }, usage);
  const reports = await withAdmin(f, async (admin) => {
    const ids = f.idp ? [f.idp] : (await admin.call('connections.list')).map((c) => c.id);
    const all = [];
    for (const [i, id] of ids.entries()) {
      stderr.write(`reconcile: ${id} (${i + 1}/${ids.length})${f.repair ? ', repairing' : ''}…\n`);
      all.push({ id, report: await admin.call('reconcile', { id, repair: Boolean(f.repair) }) });
    }
    return all;
  });
  if (f.json) return void out.write(`${JSON.stringify(reports)}\n`);
  for (const { id, report } of reports) {
    const drift = report.drift ?? [];
    out.write(`${id}: ${drift.length === 0 ? 'no drift' : `${drift.length} difference(s)`}${f.repair && drift.length ? `, ${report.repaired ?? 0} repair task(s) queued` : ''}\n`);
    for (const d of drift) out.write(`  ${d.kind ?? 'drift'}: ${d.detail ?? JSON.stringify(d)}\n`);
  }
  return undefined;
}

export async function dryRun(argv, { stdout: out = process.stdout } = {}) {
  const usage = 'usersync dry-run FILE [--idp ID] [--json]   (FILE: {"method","path","body"} relative to the connection\'s SCIM base)';
  const f = flags(argv, { ...STORE_OPTIONS, idp: { type: 'string' }, json: { type: 'boolean' } }, usage, { positionals: 1 });
  const file = required('FILE', f._[0], usage);
  let request;
  try {
    request = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`can't read ${file} as JSON: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  }
  if (!request || typeof request.method !== 'string' || typeof request.path !== 'string') {
    throw new Error(`${file}: expected {"method": "POST", "path": "/Users", "body": {…}}`);
  }
  const result = await withAdmin(f, async (admin) => {
    const conns = await admin.call('connections.list');
    const conn = f.idp ? conns.find((c) => c.id === f.idp) : conns[0];
    if (!conn) throw new Error(f.idp ? `no connection has id ${f.idp}` : 'no connections yet: add one with `usersync idp add`');
    const body = request.body === undefined ? null : (typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
    return admin.call('dryRun', { request: { method: request.method.toUpperCase(), path: `${conn.basePath}${request.path}`, query: request.query ?? '', headers: [['content-type', 'application/scim+json']], body } });
  });
  if (f.json) return void out.write(`${JSON.stringify(result)}\n`);
  out.write(`SCIM answer: ${result.status ?? result.response?.status ?? '?'}\n`);
  const calls = result.jiraCalls ?? result.calls ?? [];
  out.write(calls.length === 0 ? 'No Jira calls.\n' : `Jira calls it would make (${calls.length}):\n`);
  for (const c of calls) out.write(`  ${c.method} ${c.url ?? c.path}${c.body ? `  ${typeof c.body === 'string' ? c.body : JSON.stringify(c.body)}` : ''}\n`);
  return undefined;
}

export async function adminCommand([sub, ...argv], { stdout: out = process.stdout } = {}) {
  const usage = 'usersync admin reset-secret';
  if (sub !== 'reset-secret') throw new Error(`expected a subcommand: reset-secret${sub ? `; found '${sub}'` : ''}`);
  const f = flags(argv, STORE_OPTIONS, usage);
  const store = await openStore(configFromEnv(process.env, { db: f.db, databaseUrl: f['database-url'] }));
  try {
    out.write(`New admin secret (shown once; the old one no longer works):\n  ${await resetAdminSecret(store)}\n`);
  } finally {
    await store.close();
  }
}
