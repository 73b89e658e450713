// JSON views of state objects, in the shapes the Jira REST v3 and JSM docs give.
// `ctx` carries baseUrl (for `self` links) and the SiteState.
import { PRODUCTS } from './state.js';

function initials(name) {
  return String(name).split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('') || 'U';
}

export function avatarUrls(acc) {
  const base = `https://avatar-management--avatars.sim.public.atl-paas.invalid/initials/${initials(acc.displayName)}-${acc.avatarKey}.png`;
  const out = {};
  for (const s of [48, 24, 16, 32]) out[`${s}x${s}`] = `${base}?size=${s}&s=${s}`;
  return out;
}

export const userSelf = (ctx, id) => `${ctx.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(id).replace(/%3A/g, ':')}`;
export const groupSelf = (ctx, g) => `${ctx.baseUrl}/rest/api/3/group?groupId=${g.groupId}`;

/** UserDetails: the short user shape in group member pages. */
export function userDetails(ctx, acc) {
  return {
    self: userSelf(ctx, acc.accountId),
    accountId: acc.accountId,
    emailAddress: acc.emailAddress,
    avatarUrls: avatarUrls(acc),
    displayName: acc.displayName,
    active: ctx.state.isActive(acc),
    timeZone: acc.timeZone,
    accountType: acc.accountType,
  };
}

/** User: the full shape, with `groups` and `applicationRoles` filled in when expanded. */
export function userJson(ctx, acc, expand = '') {
  const want = new Set(String(expand).split(',').map((s) => s.trim()));
  const groups = ctx.state.groupsOf(acc);
  const roles = ctx.state.productsOf(acc);
  return {
    self: userSelf(ctx, acc.accountId),
    accountId: acc.accountId,
    accountType: acc.accountType,
    emailAddress: acc.emailAddress,
    avatarUrls: avatarUrls(acc),
    displayName: acc.displayName,
    active: ctx.state.isActive(acc),
    timeZone: acc.timeZone,
    locale: acc.locale,
    groups: { size: groups.length, items: want.has('groups') ? groups.map((g) => groupRef(ctx, g)) : [] },
    applicationRoles: {
      size: roles.length,
      items: want.has('applicationRoles') ? roles.map((key) => ({ key, name: PRODUCTS[key].name })) : [],
    },
    expand: 'groups,applicationRoles',
  };
}

export function groupRef(ctx, g) {
  return { name: g.name, groupId: g.groupId, self: groupSelf(ctx, g) };
}

/** Group as POST /group and POST /group/user return it. */
export function groupJson(ctx, g) {
  return {
    name: g.name,
    groupId: g.groupId,
    self: groupSelf(ctx, g),
    users: { size: g.members.size, items: [], 'max-results': 50, 'start-index': 0, 'end-index': 0 },
    expand: 'users',
  };
}

/** PageBean: {self, nextPage?, maxResults, startAt, total, isLast, values}. */
export function pageBean(ctx, all, startAt, maxResults, map) {
  const values = all.slice(startAt, startAt + maxResults).map(map);
  const isLast = startAt + values.length >= all.length;
  const page = { self: pageUrl(ctx, { startAt, maxResults }), maxResults, startAt, total: all.length, isLast, values };
  if (!isLast) page.nextPage = pageUrl(ctx, { startAt: startAt + maxResults, maxResults });
  return reorder(page, ['self', 'nextPage', 'maxResults', 'startAt', 'total', 'isLast', 'values']);
}

/** JSM PagedDTO: {_expands, size, start, limit, isLastPage, _links, values}. */
export function jsmPage(ctx, all, start, limit, map) {
  const values = all.slice(start, start + limit).map(map);
  const isLastPage = start + values.length >= all.length;
  const links = { base: ctx.baseUrl, context: '', self: pageUrl(ctx, { start, limit }) };
  if (!isLastPage) links.next = pageUrl(ctx, { start: start + limit, limit });
  if (start > 0) links.prev = pageUrl(ctx, { start: Math.max(0, start - limit), limit });
  return { _expands: [], size: values.length, start, limit, isLastPage, _links: links, values };
}

/** JSM UserDTO (customers, service desk customers). */
export function jsmUser(ctx, acc) {
  return {
    accountId: acc.accountId,
    emailAddress: acc.emailAddress,
    displayName: acc.displayName,
    active: ctx.state.isActive(acc),
    timeZone: acc.timeZone,
    _links: {
      jiraRest: userSelf(ctx, acc.accountId).replace('/rest/api/3/', '/rest/api/2/'),
      avatarUrls: avatarUrls(acc),
      self: userSelf(ctx, acc.accountId).replace('/rest/api/3/', '/rest/api/2/'),
    },
  };
}

function pageUrl(ctx, overrides) {
  const q = new URLSearchParams(ctx.query);
  for (const [k, v] of Object.entries(overrides)) q.set(k, String(v));
  return `${ctx.baseUrl}${ctx.path}?${q}`;
}

function reorder(obj, keys) {
  const out = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
