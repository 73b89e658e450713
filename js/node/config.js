// The Node host's settings, all from the environment (the CLI's flags override some):
//
// | variable | default | meaning |
// | --- | --- | --- |
// | PORT | 8080 | HTTP port |
// | HOST | all interfaces | address to bind |
// | USERSYNC_PUBLIC_URL | http://localhost:PORT | the origin IdPs and browsers reach this server at |
// | USERSYNC_DB | ./data/usersync.db | the SQLite file (one node) |
// | USERSYNC_DATABASE_URL | unset | postgres://… : share one PostgreSQL between several nodes |
// | USERSYNC_DRAIN_INTERVAL_MS | 1000 | pause between background drains of the outbox when idle |
// | USERSYNC_INLINE_DRAIN_MS | 1000 | how long a SCIM write may spend on its Jira work before answering |
// | USERSYNC_LOG_FORMAT | text | `json` for JSON lines |
export function configFromEnv(env = process.env, overrides = {}) {
  const port = Number(overrides.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, found ${JSON.stringify(env.PORT ?? overrides.port)}`);
  const publicUrl = (overrides.publicUrl ?? env.USERSYNC_PUBLIC_URL ?? '').replace(/\/+$/, '') || null;
  if (publicUrl && !/^https?:\/\/[^/]+(\/.*)?$/.test(publicUrl)) throw new Error(`USERSYNC_PUBLIC_URL must be an http(s) URL, found ${JSON.stringify(publicUrl)}`);
  return {
    port,
    host: overrides.host ?? env.HOST ?? undefined,
    publicUrl,
    sqlitePath: overrides.db ?? env.USERSYNC_DB ?? 'data/usersync.db',
    databaseUrl: overrides.databaseUrl ?? env.USERSYNC_DATABASE_URL ?? null,
    drainIntervalMs: Number(env.USERSYNC_DRAIN_INTERVAL_MS ?? 1000),
    drainBudgetMs: 5000,
    inlineDrainMs: Number(env.USERSYNC_INLINE_DRAIN_MS ?? 1000),
    logFormat: env.USERSYNC_LOG_FORMAT === 'json' ? 'json' : 'text',
  };
}

/** The public URL to print and hand to IdPs: configured, else localhost on the bound port. */
export function publicUrlOf(config, port) {
  return config.publicUrl ?? `http://localhost:${port}`;
}

/** Host-owned secret-store name of the URL the server last listened at (the CLI prints it). */
export const PUBLIC_URL_NAME = 'node.public-url';
