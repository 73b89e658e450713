// Reads the admin UI needs from a connection's Jira site, which the core has no export for
// (yet): "test connection" (`/myself`), the group list and the service desk list for the
// mapping pickers. Read-only; nothing here decides anything about users or groups.
// The API token is read from the core's documented secret name (src/store/keys.rs).
import { CoreError } from './core.js';

const apiTokenSecret = (conn) => `jira:${conn}:apiToken`;

/** GETs `path` on the connection's Jira site as its admin; resolves the JSON body. */
async function jiraGet(core, store, id, path, fetchImpl = globalThis.fetch) {
  const site = await core.call('jira.get', { id });
  if (!site) throw new CoreError('this connection has no Jira site yet: set one under Jira', 409);
  const token = await store.getSecret(apiTokenSecret(id));
  if (!token) throw new CoreError('this connection has no Jira API token yet', 409);
  const base = site.siteUrl.replace(/\/+$/, '');
  // Paging links are absolute: follow them only on the site itself, never with credentials elsewhere.
  const url = /^https?:/.test(path) ? path : `${base}${path}`;
  if (!url.startsWith(`${base}/`)) throw new CoreError(`Jira sent a paging link outside ${base}`, 502);
  let res;
  try {
    res = await fetchImpl(url, {
      headers: { authorization: `Basic ${Buffer.from(`${site.adminEmail}:${token}`).toString('base64')}`, accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new CoreError(`Jira did not answer at ${site.siteUrl}: ${err?.cause?.code ?? err.message}`, 502);
  }
  if (res.status === 401 || res.status === 403) throw new CoreError(`Jira refused the credentials (${res.status}): check the admin email and API token`, 502);
  if (!res.ok) throw new CoreError(`Jira answered ${res.status} to GET ${new URL(url).pathname}`, 502);
  return res.json();
}

/** Follows Jira's paged lists (`values`, `isLast`/`nextPage` or `start`/`limit`) up to `max` items. */
async function allPages(read, first, max = 1000) {
  const out = [];
  let page = await read(first);
  for (;;) {
    out.push(...(page.values ?? []));
    const last = page.isLast ?? page.isLastPage ?? true;
    if (last || out.length >= max || (page.values ?? []).length === 0) return out;
    if (!page.nextPage) return out;
    page = await read(page.nextPage);
  }
}

export function jiraReads(core, store, fetchImpl = globalThis.fetch) {
  return {
    'jira.test': ({ id }) => jiraGet(core, store, id, '/rest/api/3/myself', fetchImpl),
    'jira.groups': async ({ id }) => {
      const values = await allPages(async (next) => jiraGet(core, store, id, next ?? '/rest/api/3/group/bulk?maxResults=50', fetchImpl));
      return values.map((g) => ({ name: g.name, groupId: g.groupId })).sort((a, b) => a.name.localeCompare(b.name));
    },
    'jira.serviceDesks': async ({ id }) => {
      const values = await allPages(async (next) => {
        const page = await jiraGet(core, store, id, next ?? '/rest/servicedeskapi/servicedesk?limit=50', fetchImpl);
        return { ...page, isLast: page.isLastPage ?? page.isLast, nextPage: page._links?.next };
      });
      return values.map((d) => ({ id: String(d.id), projectKey: d.projectKey, projectName: d.projectName }));
    },
  };
}
