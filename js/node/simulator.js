// Where the core finds the Jira simulator. The core accepts a simulator only as a site root
// (`http(s)://host[:port]`), so connections name it by a fixed origin under `.localhost`
// (reserved by RFC 6761: never a real Jira site), and the host's fetch routes that origin:
// in `serve`, straight into the in-process simulator (the same one mounted at /jira-sim);
// in the CLI, to the running server's /jira-sim mount. The URL never changes with the port.

/** The site URL of the in-process Jira simulator, as connections store it. */
export const SIM_ORIGIN = 'http://jira-sim.localhost';

/**
 * A fetch that sends requests for SIM_ORIGIN to `sim` (in-process) or to `serverUrl` +
 * /jira-sim (over HTTP), and everything else to `base`.
 * @param {{sim?: {fetch: typeof fetch}, serverUrl?: string | null, base?: typeof fetch}} options
 */
export function simulatorFetch({ sim, serverUrl, base = globalThis.fetch }) {
  return (input, init) => {
    const url = String(input);
    if (!url.startsWith(`${SIM_ORIGIN}/`) && url !== SIM_ORIGIN) return base(input, init);
    if (sim) return sim.fetch(url, init);
    if (!serverUrl) return Promise.reject(new Error('Jira is simulated inside `usersync serve`, which has not run yet'));
    return base(`${serverUrl}/jira-sim${url.slice(SIM_ORIGIN.length)}`, init).catch((err) => {
      throw new Error(`Jira is simulated inside \`usersync serve\`; is it running at ${serverUrl}? (${err?.cause?.code ?? err.message})`);
    });
  };
}
