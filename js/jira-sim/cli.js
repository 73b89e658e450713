// `usersync jira-sim [--port P] [--host H] [--prefix /path] [--base-url URL]`: serves the
// simulator until SIGINT/SIGTERM. Prints one line with the URL it listens on.
import { listen } from './serve.js';
import { createJiraSim } from './create.js';

export const usage = 'usersync jira-sim [--port P] [--host 127.0.0.1] [--prefix /jira-sim] [--base-url URL]';

/** Parses --name value / --name=value pairs; unknown or valueless flags are errors. */
export function parseFlags(argv, names) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !names.includes(m[1])) throw new Error(`unknown argument '${argv[i]}' (usage: ${usage})`);
    const value = m[2] ?? argv[(i += 1)];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    out[m[1]] = value;
  }
  return out;
}

export async function main(argv, { stdout = process.stdout } = {}) {
  const flags = parseFlags(argv, ['port', 'host', 'prefix', 'base-url']);
  const port = flags.port === undefined ? 8081 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not '${flags.port}'`);
  const sim = createJiraSim({ baseUrl: flags['base-url'] });
  const { server, url } = await listen({ port, host: flags.host ?? '127.0.0.1', prefix: flags.prefix ?? '', sim });
  stdout.write(`jira-sim listening on ${url}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}
