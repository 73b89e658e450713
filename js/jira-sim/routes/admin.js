// Atlassian organization admin API (org API key as Bearer): suspend and restore a user's access,
// in both the v2 directory paths and the v1 paths the docs still show. Suspension keeps the
// user's group memberships but removes product access (active: false); restore gives it back.
import { HttpError } from '../errors.js';
import { json } from '../http.js';
import { AUTH } from '../auth.js';

function directoryAccount(ctx) {
  const { directoryId, accountId } = ctx.params;
  if (directoryId !== undefined && directoryId !== ctx.state.org.directoryId) {
    throw new HttpError(404, `Directory ${directoryId} was not found in this organization.`);
  }
  const acc = ctx.state.users.get(accountId);
  // Portal-only customers are not in the org directory.
  if (!acc || acc.accountType === 'customer') {
    throw new HttpError(404, `User ${accountId} was not found in the directory.`);
  }
  return acc;
}

const setSuspended = (suspended) => (ctx) => {
  const acc = directoryAccount(ctx);
  acc.suspended = suspended;
  const verb = suspended ? 'suspended' : 'restored';
  return json(200, { message: `Access for user ${acc.accountId} was ${verb} in organization ${ctx.state.org.orgId}.` });
};

function directories(ctx) {
  const { directoryId, directoryName } = ctx.state.org;
  return json(200, { data: [{ directoryId, name: directoryName }], links: { next: null } });
}

const V2 = '/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}';
const V1 = '/admin/v1/orgs/{orgId}/directory/users/{accountId}';

export const adminRoutes = [
  { method: 'GET', path: '/admin/v2/orgs/{orgId}/directories', cls: 'admin-read', auth: AUTH.ORG_READ, handler: directories },
  { method: 'POST', path: `${V2}/suspend`, cls: 'admin-write', auth: AUTH.ORG_WRITE, handler: setSuspended(true) },
  { method: 'POST', path: `${V2}/restore`, cls: 'admin-write', auth: AUTH.ORG_WRITE, handler: setSuspended(false) },
  { method: 'POST', path: `${V1}/suspend-access`, cls: 'admin-write', auth: AUTH.ORG_WRITE, handler: setSuspended(true) },
  { method: 'POST', path: `${V1}/restore-access`, cls: 'admin-write', auth: AUTH.ORG_WRITE, handler: setSuspended(false) },
];
