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
 * The PostgreSQL test server's URL, from USERSYNC_TEST_DATABASE_URL, which `npm test`
 * sets after starting a private server (tests/js/node/pg-setup.sh). Unset is a failure,
 * never a skip: the multi-node host must be tested wherever the tests run.
 */
export function postgresTestUrl() {
  const url = process.env.USERSYNC_TEST_DATABASE_URL;
  if (url) return url;
  throw new Error('USERSYNC_TEST_DATABASE_URL is unset: run the tests with `npm test`, which starts PostgreSQL (tests/js/node/pg-setup.sh)');
}

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
