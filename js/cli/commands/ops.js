// `usersync status`, `usersync reconcile`, `usersync dry-run`, `usersync admin reset-secret`.
import { readFile } from 'node:fs/promises';
import { STORE_OPTIONS, flags, required, table, withAdmin } from '../context.js';
import { configFromEnv } from '../../node/config.js';
import { openStore } from '../../node/store.js';
import { resetAdminSecret } from '../../node/admin-auth.js';
import { checkedSummary, driftDetail } from '../../admin/drift.js';

export async function status(argv, { stdout: out = process.stdout } = {}) {
  const usage = 'usersync status [--json]';
  const f = flags(argv, { ...STORE_OPTIONS, json: { type: 'boolean' } }, usage);
  const { info, st } = await withAdmin(f, async (admin) => ({ info: await admin.call('host.info'), st: await admin.call('status') }));
  if (f.json) return void out.write(`${JSON.stringify({ ...st, jiraSimulated: info.jiraSimulated })}\n`);
  const n = (c) => `${c.count}${c.more ? '+' : ''}`;
  out.write(`usersync ${info.version}, store ${info.store}, Jira ${info.jiraSimulated ? 'SIMULATED' : 'configured'}\n`);
  out.write(`outbox: ${st.outbox} pending; dead letters: ${st.deadLetters}\n\n`);
  table(out, ['CONNECTION', 'NAME', 'OUTBOX', 'DEAD LETTERS', 'LAST ERROR'], st.connections.map((c) => [
    c.id, c.name, n(c.outbox), n(c.deadLetters), c.lastErrors[0] ? `${new Date(c.lastErrors[0].at).toISOString()} ${describeEntry(c.lastErrors[0])}` : '',
  ]));
  return undefined;
}

/** One audit entry in a line: `SCIM POST /…/Users 409` or `Jira syncUser u:… deadLetter: …`. */
function describeEntry(e) {
  if (e.kind === 'scim') return `SCIM ${e.method} ${e.path} ${e.status}`;
  return `Jira ${e.task} ${e.subject} ${e.result}${e.detail ? `: ${e.detail}` : ''}`;
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
    out.write(`  ${checkedSummary(report)}\n`);
    if (report.complete === false) out.write(`  stopped early: ${report.stopped}\n`);
    for (const d of drift) out.write(`  ${d.kind}: ${[d.user ?? d.group, driftDetail(d)].filter(Boolean).join(' · ')}\n`);
  }
  return undefined;
}

export async function dryRun(argv, { stdout: out = process.stdout } = {}) {
  // No SCIM token: whoever can open the store is the admin, and the core dry-runs as the connection.
  const usage = 'usersync dry-run FILE [--idp ID] [--json]   (FILE: {"method","path","body"}, path relative to the SCIM base URL)';
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
    return admin.call('dryRun', { id: conn.id, request });
  });
  if (f.json) return void out.write(`${JSON.stringify(result)}\n`);
  out.write(`SCIM answer: ${result.status}${result.status >= 400 ? ` ${result.body}` : ''}\n`);
  const calls = result.dryRun?.jiraCalls ?? [];
  out.write(calls.length === 0 ? 'No Jira work.\n' : `Jira work it would cause (${calls.length} task(s)):\n`);
  for (const { task, subject, call } of calls) out.write(`  ${task} ${subject}: ${call}\n`);
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
