// Jira Service Management endpoints (/rest/servicedeskapi/...). Errors render in JSM's
// {errorMessage, i18nErrorMessage} shape. GET and DELETE of a desk's customers are experimental:
// without `X-ExperimentalApi: opt-in` they answer 412.
import { HttpError } from '../errors.js';
import { json, empty, flag } from '../http.js';
import { AUTH } from '../auth.js';
import { jsmPage, jsmUser } from '../views.js';
import { readJson, paging, byDisplayName, EMAIL } from './common.js';

function requireExperimental(ctx) {
  const v = (ctx.req.headers['x-experimentalapi'] ?? '').toLowerCase();
  if (v !== 'opt-in' && v !== 'true') {
    throw new HttpError(412, "This API is experimental. Experimental APIs are not guaranteed to be stable within the preview period. You must set the header 'X-ExperimentalApi: opt-in' to opt into using this API.",
      { i18nKey: 'sd.api.error.experimental.api' });
  }
}

// POST /customer: a duplicate email is 400, or 409 with ?strictConflictStatusCode=true.
function createCustomer(ctx) {
  const body = readJson(ctx);
  const email = body.email;
  const displayName = body.displayName ?? body.fullName;
  if (typeof email !== 'string' || !EMAIL.test(email)) {
    throw new HttpError(400, 'You must provide a valid email address.', { i18nKey: 'sd.customer.error.email.invalid' });
  }
  if (typeof displayName !== 'string' || !displayName.trim()) {
    throw new HttpError(400, 'You must provide a display name.', { i18nKey: 'sd.customer.error.displayname.required' });
  }
  if (ctx.state.userByEmail(email)) {
    const status = flag(ctx.query, 'strictConflictStatusCode') ? 409 : 400;
    throw new HttpError(status, 'An account already exists for this email', { i18nKey: 'sd.customer.error.account.exists' });
  }
  const acc = ctx.state.addAccount({ emailAddress: email, displayName, accountType: 'customer' });
  return json(201, jsmUser(ctx, acc));
}

function listServiceDesks(ctx) {
  const { start, size } = paging(ctx, { startName: 'start', sizeName: 'limit', dflt: 50, max: 100 });
  const desks = [...ctx.state.serviceDesks.values()].sort((a, b) => Number(a.id) - Number(b.id));
  return json(200, jsmPage(ctx, desks, start, size, (d) => ({
    id: d.id, projectId: d.projectId, projectName: d.projectName, projectKey: d.projectKey,
    _links: { self: `${ctx.baseUrl}/rest/servicedeskapi/servicedesk/${d.id}` },
  })));
}

/** The desk named by id or project key, else 404. */
function deskParam(ctx) {
  const key = ctx.params.serviceDeskId;
  const desk = ctx.state.serviceDesks.get(key)
    ?? [...ctx.state.serviceDesks.values()].find((d) => d.projectKey === key || d.projectId === key);
  if (!desk) {
    throw new HttpError(404, `Service Desk with id or key ${key} does not exist.`, { i18nKey: 'sd.servicedesk.error.not.found' });
  }
  return desk;
}

function accountIdsBody(ctx) {
  const body = readJson(ctx);
  if (!Array.isArray(body.accountIds) || body.accountIds.some((a) => typeof a !== 'string')) {
    throw new HttpError(400, 'You must provide a list of account IDs (accountIds).', { i18nKey: 'sd.customer.error.accountids.required' });
  }
  return body.accountIds;
}

// POST /servicedesk/{id}/customer: 204. Unknown accounts make it a 400, but the known ones in
// the same request are still added (observed Jira behaviour the issue asks for).
function addDeskCustomers(ctx) {
  const desk = deskParam(ctx);
  const ids = accountIdsBody(ctx);
  const unknown = ids.filter((id) => !ctx.state.users.has(id));
  for (const id of ids) if (ctx.state.users.has(id)) desk.customers.add(id);
  if (unknown.length) {
    throw new HttpError(400, `The following users do not exist: ${unknown.join(', ')}`, { i18nKey: 'sd.customer.error.users.not.exist' });
  }
  return empty(204);
}

function removeDeskCustomers(ctx) {
  requireExperimental(ctx);
  const desk = deskParam(ctx);
  const ids = accountIdsBody(ctx);
  const unknown = ids.filter((id) => !ctx.state.users.has(id));
  if (unknown.length) {
    throw new HttpError(400, `The following users do not exist: ${unknown.join(', ')}`, { i18nKey: 'sd.customer.error.users.not.exist' });
  }
  for (const id of ids) desk.customers.delete(id);
  return empty(204);
}

function getDeskCustomers(ctx) {
  requireExperimental(ctx);
  const desk = deskParam(ctx);
  const { start, size } = paging(ctx, { startName: 'start', sizeName: 'limit', dflt: 50, max: 50 });
  const q = (ctx.query.get('query') ?? '').toLowerCase();
  const all = [...desk.customers].map((id) => ctx.state.users.get(id)).filter(Boolean)
    .filter((u) => !q || u.displayName.toLowerCase().includes(q) || u.emailAddress.toLowerCase().includes(q))
    .sort(byDisplayName);
  return json(200, jsmPage(ctx, all, start, size, (u) => jsmUser(ctx, u)));
}

const DESK_CUSTOMERS = '/rest/servicedeskapi/servicedesk/{serviceDeskId}/customer';

export const jsmRoutes = [
  { method: 'POST', path: '/rest/servicedeskapi/customer', cls: 'jsm-write', auth: AUTH.SITE_ADMIN, handler: createCustomer },
  { method: 'GET', path: '/rest/servicedeskapi/servicedesk', cls: 'jsm-read', auth: AUTH.SITE, handler: listServiceDesks },
  { method: 'POST', path: DESK_CUSTOMERS, cls: 'jsm-write', auth: AUTH.SITE_ADMIN, handler: addDeskCustomers },
  { method: 'DELETE', path: DESK_CUSTOMERS, cls: 'jsm-write', auth: AUTH.SITE_ADMIN, handler: removeDeskCustomers },
  { method: 'GET', path: DESK_CUSTOMERS, cls: 'jsm-read', auth: AUTH.SITE_ADMIN, handler: getDeskCustomers },
];
