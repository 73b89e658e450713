// `usersync serve`: open the store, load the core, mount the Jira simulator when no Jira
// site is configured, listen, drain the outbox in the background, stop cleanly on SIGTERM.
// First start (no admin secret yet) also creates a default Okta connection and prints its
// SCIM base URL and token, the admin URL and the admin secret, once.
import { once } from 'node:events';
import { openStore } from './store.js';
import { createHost } from './host.js';
import { loadCore } from './core.js';
import { createAdminApi, simulatorUse } from './admin-api.js';
import { simulatorFetch } from './simulator.js';
import { ensureAdminSecret } from './admin-auth.js';
import { createServer } from './server.js';
import { PUBLIC_URL_NAME, publicUrlOf } from './config.js';
import { createLogger } from './log.js';
import { startDrainLoop } from './drain.js';
import { createJiraSim } from '../jira-sim/index.js';

/**
 * Starts the server. Resolves once it listens, with `{url, server, stop()}`.
 * @param {ReturnType<import('./config.js').configFromEnv>} config
 * @param {object} [options]
 * @param {NodeJS.WritableStream} [options.out] where the banner goes
 * @param {Function} [options.log]
 * @param {boolean} [options.signals] stop on SIGTERM/SIGINT and exit
 * @param {(host: object) => Promise<object>} [options.core] builds the core facade (tests pass a fake)
 */
export async function serve(config, { out = process.stdout, log = createLogger({ format: config.logFormat }), signals = true, core: makeCore = loadCore } = {}) {
  const store = await openStore(config);
  let server;
  try {
    // One simulator per process; the fetch routes the simulator's origin into it.
    const sim = createJiraSim();
    const fetch = simulatorFetch({ sim });
    const core = await makeCore(createHost({ store, log, fetch }));
    const { simulated, used } = await simulatorUse(core);
    let publicUrl = config.publicUrl ?? 'http://localhost';
    const admin = createAdminApi({ core, store, publicUrl: () => publicUrl, simulated });
    server = createServer({
      core, store, admin, jiraSim: simulated || used ? sim.mount('/jira-sim') : null, log, publicUrl: () => publicUrl, inlineDrainMs: config.inlineDrainMs,
    });
    server.listen(config.port, config.host);
    await once(server, 'listening');
    publicUrl = publicUrlOf(config, server.address().port);
    await store.setSecret(PUBLIC_URL_NAME, publicUrl);

    if (simulated) await pointConnectionsAtSimulator(core, admin);
    const secret = await ensureAdminSecret(store);
    const first = secret ? await admin.call('connections.create', { name: 'Okta', idp: 'okta', scim: '2.0', mode: 'user' }) : null;
    out.write(banner({ publicUrl, store: store.describe(), simulated, secret, first }));
    log('info', { event: 'started', url: publicUrl, store: store.describe().kind, jira: simulated ? 'simulated' : 'configured', version: core.version });
    if (simulated) log('warn', { event: 'jira.simulated', msg: `Jira is simulated: no Jira site is configured, so Jira calls go to the in-process simulator (${publicUrl}/jira-sim)` });

    const drain = startDrainLoop({ core, store, log, intervalMs: config.drainIntervalMs, budgetMs: config.drainBudgetMs });
    const stop = stopper({ server, store, drain, log });
    if (signals) {
      process.once('SIGTERM', () => stop('SIGTERM').then(() => process.exit(0)));
      process.once('SIGINT', () => stop('SIGINT').then(() => process.exit(0)));
    }
    return { url: publicUrl, server, stop, admin, sim };
  } catch (err) {
    server?.close();
    await store.close();
    throw err;
  }
}

/** While Jira is simulated, connections without a site (made before, e.g. by the CLI) use it. */
async function pointConnectionsAtSimulator(core, admin) {
  for (const conn of await core.call('connections.list')) {
    if (!(await core.call('jira.get', { id: conn.id }))) await admin.call('jira.useSimulator', { id: conn.id });
  }
}

/** Graceful stop: no new connections, in-flight requests finish, the drain stops, the store closes. */
function stopper({ server, store, drain, log }) {
  let stopping;
  return (reason = 'stop') => {
    stopping ??= (async () => {
      log('info', { event: 'stopping', reason });
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections?.();
      await drain.stop();
      await closed;
      await store.close();
      log('info', { event: 'stopped' });
    })();
    return stopping;
  };
}

function banner({ publicUrl, store, simulated, secret, first }) {
  const lines = ['', `usersync is serving at ${publicUrl}  (store: ${store.kind} ${store.location})`];
  if (simulated) {
    lines.push('', 'Jira is SIMULATED: no Jira site is configured, so every Jira call goes to the built-in',
      `simulator (browse it at ${publicUrl}/jira-sim/__sim/state). Set a real site with`,
      '`usersync jira set --site … --email … --token …` or in the admin UI, then restart.');
  }
  if (first) {
    lines.push('', `Created the IdP connection "${first.connection.name}" (Okta, SCIM 2.0, User Sync). Shown once; copy them now:`,
      `  SCIM base URL   ${first.scimBaseUrl}`,
      `  API token       ${first.token}`);
  }
  lines.push('', `Admin UI          ${publicUrl}/admin/`);
  if (secret) lines.push(`  admin secret    ${secret}`, '  (shown once: sign in with it; `usersync admin reset-secret` makes a new one)');
  lines.push('');
  return `${lines.join('\n')}\n`;
}
