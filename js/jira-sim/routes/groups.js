// Jira platform group endpoints (/rest/api/3/group*). There is no rename, as in Jira: a PUT on
// these paths answers 405 like any other method a path does not have.
import { HttpError, MSG } from '../errors.js';
import { json, empty, flag } from '../http.js';
import { AUTH } from '../auth.js';
import { PRODUCTS } from '../state.js';
import { groupJson, pageBean, userDetails } from '../views.js';
import { readJson, paging, byDisplayName } from './common.js';

/** The group named by groupId= or groupname= (exactly one of them), or 400/404. */
function groupParam(ctx, idName = 'groupId', nameName = 'groupname') {
  const id = ctx.query.get(idName);
  const name = ctx.query.get(nameName);
  if (id && name) throw new HttpError(400, `Only one of '${idName}' or '${nameName}' can be specified.`);
  if (!id && !name) throw new HttpError(400, `You must specify either '${idName}' or '${nameName}'.`);
  const g = id ? ctx.state.groups.get(id) : ctx.state.groupByName(name, false);
  if (!g) throw new HttpError(404, MSG.groupNotFound(id ?? name));
  return g;
}

function createGroup(ctx) {
  const { name } = readJson(ctx);
  if (typeof name !== 'string' || !name.trim()) {
    throw new HttpError(400, '', { errors: { name: 'You must specify a group name.' } });
  }
  if (name.length > 255) throw new HttpError(400, '', { errors: { name: 'The group name must not exceed 255 characters.' } });
  if (ctx.state.groupByName(name)) throw new HttpError(400, 'A group with that name already exists.');
  const g = ctx.state.createGroup(name);
  return json(201, groupJson(ctx, g));
}

// DELETE /group: swapGroupId/swapGroup name the group that inherits restrictions; it must
// exist and differ from the deleted one (the simulator has no restrictions to move).
function deleteGroup(ctx) {
  const g = groupParam(ctx, 'groupId', 'groupname');
  const swapId = ctx.query.get('swapGroupId');
  const swapName = ctx.query.get('swapGroup');
  if (swapId || swapName) {
    const swap = swapId ? ctx.state.groups.get(swapId) : ctx.state.groupByName(swapName, false);
    if (!swap) throw new HttpError(404, MSG.groupNotFound(swapId ?? swapName));
    if (swap === g) throw new HttpError(400, 'You cannot swap a group with itself.');
  }
  ctx.state.deleteGroup(g.groupId);
  return empty(200);
}

function bulkGroups(ctx) {
  const { start, size } = paging(ctx, { max: 1000 });
  const ci = flag(ctx.query, 'caseInsensitive');
  const ids = ctx.query.getAll('groupId');
  const names = ctx.query.getAll('groupName').map((n) => (ci ? n.toLowerCase() : n));
  const appKey = ctx.query.get('applicationKey');
  const accessType = ctx.query.get('accessType');
  if (accessType && !['site-admin', 'admin', 'user'].includes(accessType)) {
    throw new HttpError(400, `Invalid accessType: ${accessType}`);
  }
  if (appKey && !PRODUCTS[appKey]) throw new HttpError(400, `Invalid applicationKey: ${appKey}`);
  let all = [...ctx.state.groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  if (ids.length) all = all.filter((g) => ids.includes(g.groupId));
  if (names.length) all = all.filter((g) => names.includes(ci ? g.name.toLowerCase() : g.name));
  if (accessType === 'site-admin') all = all.filter((g) => g.name === 'site-admins');
  if (accessType === 'admin') all = all.filter((g) => ['site-admins', 'jira-admins'].includes(g.name));
  if (accessType === 'user' || appKey) {
    const productGroups = Object.entries(PRODUCTS).filter(([k]) => !appKey || k === appKey).map(([, p]) => p.group);
    all = all.filter((g) => productGroups.includes(g.name));
  }
  return json(200, pageBean(ctx, all, start, size, (g) => ({ name: g.name, groupId: g.groupId })));
}

// GET /group/member: maxResults is capped at 50; inactive (suspended) members only on request.
function groupMembers(ctx) {
  const g = groupParam(ctx);
  const { start, size } = paging(ctx, { max: 50 });
  const inactive = flag(ctx.query, 'includeInactiveUsers');
  const members = [...g.members].map((id) => ctx.state.users.get(id))
    .filter((u) => u && (inactive || ctx.state.isActive(u)))
    .sort(byDisplayName);
  return json(200, pageBean(ctx, members, start, size, (u) => userDetails(ctx, u)));
}

function addMember(ctx) {
  const g = groupParam(ctx);
  const { accountId } = readJson(ctx);
  if (typeof accountId !== 'string' || !accountId) {
    throw new HttpError(400, '', { errors: { accountId: 'You must specify an accountId.' } });
  }
  const acc = ctx.state.users.get(accountId);
  if (!acc) throw new HttpError(404, MSG.userNotFound);
  if (g.members.has(accountId)) {
    throw new HttpError(400, `Cannot add user. '${acc.displayName}' is already a member of '${g.name}'.`);
  }
  ctx.state.addMember(g.groupId, accountId);
  return json(201, groupJson(ctx, g));
}

function removeMember(ctx) {
  const g = groupParam(ctx);
  const accountId = ctx.query.get('accountId');
  if (!accountId) throw new HttpError(400, "The 'accountId' query parameter is required.");
  const acc = ctx.state.users.get(accountId);
  if (!acc) throw new HttpError(404, MSG.userNotFound);
  if (!g.members.has(accountId)) {
    throw new HttpError(400, `Cannot remove user. '${acc.displayName}' is not a member of '${g.name}'.`);
  }
  ctx.state.removeMember(g.groupId, accountId);
  return empty(200);
}

export const groupRoutes = [
  { method: 'POST', path: '/rest/api/3/group', cls: 'groups-write', auth: AUTH.SITE_ADMIN, handler: createGroup },
  { method: 'DELETE', path: '/rest/api/3/group', cls: 'groups-write', auth: AUTH.SITE_ADMIN, handler: deleteGroup },
  { method: 'GET', path: '/rest/api/3/group/bulk', cls: 'groups-read', auth: AUTH.SITE, handler: bulkGroups },
  { method: 'GET', path: '/rest/api/3/group/member', cls: 'groups-read', auth: AUTH.SITE, handler: groupMembers },
  { method: 'POST', path: '/rest/api/3/group/user', cls: 'groups-write', auth: AUTH.SITE_ADMIN, handler: addMember },
  { method: 'DELETE', path: '/rest/api/3/group/user', cls: 'groups-write', auth: AUTH.SITE_ADMIN, handler: removeMember },
];
