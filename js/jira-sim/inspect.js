// The inspection API under /__sim/, for tests and the harness (not part of any Jira API):
//   GET    /__sim/state      users (active, products, groups), groups with members, customers,
//                            service-desk customers, suspended accounts
//   POST   /__sim/reset      back to the options the simulator was created with
//   GET    /__sim/config     current rate limits and faults
//   POST   /__sim/config     {rateLimits?, faults?, seedData?, idSeed?}; null restores the default
//   GET    /__sim/requests   {total, counts per endpoint, requests}; ?since=seq for the tail
//   DELETE /__sim/requests   forget the log and counts
import { json } from './http.js';

function parse(req) {
  if (!req.body) return {};
  const v = JSON.parse(req.body);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new TypeError('body must be a JSON object');
  return v;
}

const ROUTES = {
  'GET /__sim/state': (req, sim) => json(200, sim.snapshot()),
  'POST /__sim/reset': (req, sim) => json(200, { reset: true, config: sim.reset() }),
  'GET /__sim/config': (req, sim) => json(200, sim.config()),
  'POST /__sim/config': (req, sim) => json(200, sim.config(parse(req))),
  'GET /__sim/requests': (req, sim) => json(200, sim.requests({ since: Number(req.query.get('since') ?? 0) || 0 })),
  'DELETE /__sim/requests': (req, sim) => {
    sim.clearRequests();
    return json(200, { cleared: true });
  },
};

export function handleInspect(req, sim) {
  const route = ROUTES[`${req.method} ${req.path}`];
  if (!route) return json(404, { error: `no inspection route ${req.method} ${req.path}`, routes: Object.keys(ROUTES) });
  try {
    return route(req, sim);
  } catch (err) {
    return json(400, { error: err.message });
  }
}
