export * from '../js/forge/index.js';
