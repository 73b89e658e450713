#!/usr/bin/env node
// usersync command line: a table of subcommands, each loaded only when run.
// Unknown commands print one error line and exit 2.

const COMMANDS = {
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
    process.stderr.write(`usersync ${name}: ${err.message}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
