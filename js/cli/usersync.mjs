#!/usr/bin/env node
// usersync command line: a table of subcommands, each loaded only when run.
// Unknown commands print one error line and exit 2.

const COMMANDS = {
  serve: {
    summary: 'serve SCIM, the admin UI and the background sync (PORT, USERSYNC_DB or USERSYNC_DATABASE_URL)',
    run: async (argv) => (await import('./commands/serve.js')).main(argv),
  },
  idp: {
    summary: 'IdP connections: add --name N --kind K --scim 2.0|1.1 --mode user|customer [--json], list, rotate-token ID, remove ID',
    run: async (argv) => (await import('./commands/idp.js')).main(argv),
  },
  jira: {
    summary: 'Jira site: set --site URL --email E --token T [--products …] [--org-key K --org-id O --directory-id D], show, test',
    run: async (argv) => (await import('./commands/jira.js')).main(argv),
  },
  status: {
    summary: 'outbox depth, dead letters and the last errors [--json]',
    run: async (argv) => (await import('./commands/ops.js')).status(argv),
  },
  reconcile: {
    summary: 'compare the SCIM state with Jira and report drift [--repair] [--idp ID]',
    run: async (argv) => (await import('./commands/ops.js')).reconcile(argv),
  },
  'dry-run': {
    summary: 'print the Jira calls a SCIM request file would cause, without storing or calling anything',
    run: async (argv) => (await import('./commands/ops.js')).dryRun(argv),
  },
  admin: {
    summary: 'reset-secret: make a new admin secret for the admin UI',
    run: async (argv) => (await import('./commands/ops.js')).adminCommand(argv),
  },
  'jira-sim': {
    summary: 'serve the Jira Cloud simulator (--port P, --host H, --prefix /p, --base-url U)',
    run: async (argv) => (await import('../jira-sim/cli.js')).main(argv),
  },
};

function usage() {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: usersync <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv) {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`usersync: unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  try {
    await command.run(rest);
    return undefined; // long-running commands keep the process alive themselves
  } catch (err) {
    process.stderr.write(`usersync ${name}: ${oneLine(err)}\n`);
    return 1;
  }
}

/** One line, whatever the error: its message up to the first newline. */
function oneLine(err) {
  return String(err?.message ?? err).split('\n')[0];
}

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
