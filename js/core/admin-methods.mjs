// The admin API by name, as every host serves it (Node's /admin/api, the CLI, Forge's
// resolver, the admin UI's `transport.call(method, args)`): method name → the UsersyncCore
// call (src/wasm/core.rs). No WASM import here, so any host, bundled or not, can use it.

/** The object without its undefined and null fields: serde reads an undefined field as a
 * value of the wrong type, where an absent one takes the default. */
export function defined(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null));
}

/** Admin method name → how it calls a UsersyncCore object. */
export const ADMIN_METHODS = {
  'connections.list': (c) => c.listConnections(),
  'connections.get': (c, a) => c.getConnection(a.id),
  'connections.create': (c, a) => c.createConnection(defined({ name: a.name, idp: a.idp, scim: a.scim, mode: a.mode, policies: a.policies })),
  'connections.update': (c, a) => c.updateConnection(a.id, defined(a.update ?? {})),
  'connections.rotate': (c, a) => c.rotateToken(a.id),
  'connections.remove': (c, a) => c.removeConnection(a.id),
  'jira.get': (c, a) => c.getJiraSettings(a.id),
  'jira.set': (c, a) => c.setJiraSettings(a.id, defined(a.settings ?? {})),
  'jira.simulator': (c, a) => c.setSimulator(a.url ?? null),
  'jira.test': (c, a) => c.testJira(a.id),
  'jira.groups': (c, a) => c.jiraGroups(a.id),
  'jira.serviceDesks': (c, a) => c.jiraServiceDesks(a.id),
  'outbox.list': (c, a) => c.listQueue(a.id, a.cursor ?? null),
  'deadLetters.list': (c, a) => c.listDeadLetters(a.id, a.cursor ?? null),
  'deadLetters.retry': (c, a) => c.retryDeadLetter(a.id, a.item),
  'deadLetters.discard': (c, a) => c.discardDeadLetter(a.id, a.item),
  // Budget: well inside a Forge trigger's 55 s; an incomplete check says where it stopped.
  // No SCIM token: the host authenticated the admin. {id, request: {method, path, query?, body?}, baseUrl?}
  dryRun: (c, a) => c.dryRun(a.id, defined({
    method: String(a.request?.method ?? 'POST').toUpperCase(),
    path: a.request?.path ?? '/Users',
    query: a.request?.query,
    body: typeof a.request?.body === 'string' || a.request?.body == null ? a.request?.body : JSON.stringify(a.request.body),
    baseUrl: a.baseUrl,
  })),
  reconcile: (c, a) => c.reconcile(a.id, Boolean(a.repair), a.budgetMs ?? 20_000),
  'audit.list': (c, a) => c.queryAudit(defined({
    conn: a.id, since: a.filter?.since, status: a.filter?.status, before: a.cursor,
  }), a.limit ?? 50),
};
