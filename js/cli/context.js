// What the admin commands share: flags parsed strictly, and the admin API opened on the
// same store `usersync serve` uses (USERSYNC_DB or USERSYNC_DATABASE_URL), so they work
// whether or not a server is running.
import { parseArgs } from 'node:util';
import { PUBLIC_URL_NAME, configFromEnv } from '../node/config.js';
import { openStore } from '../node/store.js';
import { createHost } from '../node/host.js';
import { loadCore } from '../node/core.js';
import { createAdminApi, simulatorUse } from '../node/admin-api.js';
import { simulatorFetch } from '../node/simulator.js';
import { createLogger } from '../node/log.js';

/** Store flags every admin command takes. */
export const STORE_OPTIONS = {
  db: { type: 'string' },
  'database-url': { type: 'string' },
};

/** node:util parseArgs with one-line errors that name the usage. */
export function flags(argv, options, usage, { positionals = 0 } = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: positionals > 0, strict: true });
  } catch (err) {
    throw new Error(`${err.message.split('\n')[0].replace(/\. To specify.*$/, '')} (usage: ${usage})`);
  }
  if (parsed.values.help) {
    process.stdout.write(`usage: ${usage}\n`);
    process.exit(0);
  }
  if (parsed.positionals.length > positionals) throw new Error(`unexpected argument '${parsed.positionals[positionals]}' (usage: ${usage})`);
  return { ...parsed.values, _: parsed.positionals };
}

/** Throws a usage error unless `value` is one of `choices`. */
export function oneOf(name, value, choices) {
  if (!choices.includes(value)) throw new Error(`--${name} must be one of ${choices.join(', ')}; found '${value}'`);
  return value;
}

export function required(name, value, usage) {
  const label = name === name.toUpperCase() ? name : `--${name}`; // positionals are upper case
  if (value === undefined || value === '') throw new Error(`${label} is required (usage: ${usage})`);
  return value;
}

/**
 * Opens the store and the core, runs `fn(admin)`, and closes the store whatever happens.
 * The SCIM base URLs use the URL the server last listened on (or USERSYNC_PUBLIC_URL).
 */
export async function withAdmin(values, fn) {
  const config = configFromEnv(process.env, { db: values.db, databaseUrl: values['database-url'] });
  const store = await openStore(config);
  try {
    const log = createLogger({ format: config.logFormat, level: 'warn' });
    const serverUrl = await store.getSecret(PUBLIC_URL_NAME);
    const publicUrl = config.publicUrl ?? serverUrl ?? `http://localhost:${config.port}`;
    // The simulated Jira lives in the server process: reach it through its /jira-sim mount.
    const fetch = simulatorFetch({ serverUrl });
    const core = await loadCore(createHost({ store, log, fetch }));
    const { simulated } = await simulatorUse(core);
    return await fn(createAdminApi({ core, store, publicUrl: () => publicUrl, simulated }), { store, config });
  } finally {
    await store.close();
  }
}

/** Prints rows as aligned columns under a header. */
export function table(out, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  out.write(`${line(header)}\n${rows.map(line).join('\n')}${rows.length ? '\n' : ''}`);
}
