// `usersync serve`: the Node host (js/node/serve.js) with the environment's settings.
import { flags } from '../context.js';
import { configFromEnv } from '../../node/config.js';
import { serve } from '../../node/serve.js';

const USAGE = 'usersync serve [--port P] [--host H] [--db FILE | --database-url postgres://…] [--public-url URL]';

export async function main(argv) {
  const f = flags(argv, {
    port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' },
    'database-url': { type: 'string' }, 'public-url': { type: 'string' },
  }, USAGE);
  const config = configFromEnv(process.env, {
    port: f.port, host: f.host, db: f.db, databaseUrl: f['database-url'], publicUrl: f['public-url'],
  });
  await serve(config);
}
