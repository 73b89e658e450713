// usersync's Jira Cloud simulator (Jira REST v3, JSM, Atlassian org admin API).
// createJiraSim(options) → {handle, fetch, mount, state, snapshot, reset, config, requests, …}
//   handle(request)  pure handler: {method, url, headers, body} → {status, headers, body}
//   fetch(input, init)  WHATWG fetch over handle(), returns a real Response
//   mount(prefix)    (req, res) => Promise<boolean> for node:http, e.g. mount('/jira-sim')
// serveJiraSim({port, host, sim}) → http.Server (Node only; the browser harness imports
// browser.js, which leaves out node:http).
export { createJiraSim } from './create.js';
export { serveJiraSim, listen } from './serve.js';
export { DroppedConnection } from './http.js';
export { manualClock, systemClock } from './clock.js';
export { DEMO_SEED, DEMO_ADMIN, DEMO_ORG_KEY } from './seed.js';
export { PRODUCTS } from './state.js';
export { ROUTES } from './sim.js';
