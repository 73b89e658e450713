// The Forge functions (manifest.yml `function:` handlers, re-exported by src/index.js).
export { scim } from './scim.js';
export { drain, reconcile } from './drain.js';
export { admin } from './admin.js';
