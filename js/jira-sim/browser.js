// Browser-safe entry: everything but the node:http server.
export { createJiraSim } from './create.js';
export { DroppedConnection } from './http.js';
export { manualClock, systemClock } from './clock.js';
export { DEMO_SEED, DEMO_ADMIN, DEMO_ORG_KEY } from './seed.js';
