// Shared helpers for the Node host tests: temporary SQLite files, fresh PostgreSQL databases.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = path.join(ROOT, 'js/cli/usersync.mjs');

/** A temporary directory removed by `cleanup()`. */
export function tempDir(t) {
  const dir = mkdtempSync(path.join(tmpdir(), 'usersync-node-'));
  t?.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The PostgreSQL test server's URL, from USERSYNC_TEST_DATABASE_URL
 * (`export USERSYNC_TEST_DATABASE_URL="$(bash tests/js/node/pg-setup.sh)"`).
 * Unset under CI is a failure, not a skip: the multi-node host must be tested there.
 * Unset elsewhere: returns null and the caller skips, saying why.
 */
export function postgresTestUrl() {
  const url = process.env.USERSYNC_TEST_DATABASE_URL;
  if (url) return url;
  if (process.env.CI) {
    throw new Error('USERSYNC_TEST_DATABASE_URL is unset: .ci/run must start PostgreSQL with tests/js/node/pg-setup.sh and export its URL');
  }
  return null;
}

export const PG_SKIP = 'USERSYNC_TEST_DATABASE_URL unset (run: export USERSYNC_TEST_DATABASE_URL="$(bash tests/js/node/pg-setup.sh)")';

/** A new empty database on the test server (dropped after the test); its URL. */
export async function freshPostgresDatabase(t, baseUrl) {
  const name = `usersync_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  t?.after(async () => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
