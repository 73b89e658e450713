// Imported before js/admin/app.js: tells it not to start itself with the Node host's HTTP
// transport (ES modules run their imports in order).
globalThis.USERSYNC_EMBEDDED = true;
