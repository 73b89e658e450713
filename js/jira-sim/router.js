// Matches (method, path) against the route table. A path that exists with other methods is a
// 405 (so a group rename by PUT fails as in Jira); a path that does not exist is a 404.

/** Which error shape and rate-limit tenant a path belongs to. */
export function apiOf(path) {
  if (path.startsWith('/rest/servicedeskapi/')) return 'jsm';
  if (path.startsWith('/admin/v1/')) return 'admin-v1';
  if (path.startsWith('/admin/')) return 'admin-v2';
  return 'platform';
}

function compile(template) {
  const names = [];
  const src = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, n) => {
    names.push(n);
    return '([^/]+)';
  });
  return { re: new RegExp(`^${src}$`), names };
}

export function createRouter(routes) {
  const table = routes.map((r) => ({ ...r, api: apiOf(r.path), endpoint: `${r.method} ${r.path}`, ...compile(r.path) }));
  /** @returns {{route?, params?, status?: 404|405, allow?: string[], api: string}} */
  return function match(method, path) {
    const hits = table.filter((r) => r.re.test(path));
    if (hits.length === 0) return { status: 404, api: apiOf(path) };
    const route = hits.find((r) => r.method === method);
    if (!route) return { status: 405, api: hits[0].api, allow: [...new Set(hits.map((r) => r.method))] };
    const m = route.re.exec(path);
    const params = {};
    route.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
    return { route, params, api: route.api };
  };
}
