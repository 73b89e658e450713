// createJiraSim: the core handler plus its fetch and node:http-mount adapters. Browser-safe
// (node.js touches only the req/res objects it is given).
import { createJiraSim as createCore } from './sim.js';
import { makeFetch } from './fetch.js';
import { nodeHandler } from './node.js';

export function createJiraSim(options) {
  const sim = createCore(options);
  sim.fetch = makeFetch(sim);
  sim.mount = (prefix) => nodeHandler(sim, { prefix });
  return sim;
}
