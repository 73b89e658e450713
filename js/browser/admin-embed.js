// The shared admin UI (js/admin) inside the harness, in an iframe of the harness page so its
// styles and #hash navigation stay its own. Its transport is the page's in-process admin API
// (admin-api.js), handed over by the parent window: no HTTP, no sign-in.
globalThis.USERSYNC_EMBEDDED = true; // app.js then waits for start() instead of using HTTP
const { start } = await import('../admin/app.js');

const harness = window.parent?.usersync;
if (!harness?.admin) {
  document.getElementById('main').textContent = 'Open this page inside the harness (index.html): it has no server of its own.';
} else {
  await start({ transport: harness.admin, signIn: false });
}
