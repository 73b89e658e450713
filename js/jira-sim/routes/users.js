// Jira platform user endpoints (/rest/api/3/user*, /users/search, /myself).
import { HttpError } from '../errors.js';
import { json, empty } from '../http.js';
import { AUTH } from '../auth.js';
import { PRODUCTS } from '../state.js';
import { userJson } from '../views.js';
import { readJson, paging, accountParam, byDisplayName, EMAIL } from './common.js';

// POST /rest/api/3/user. As the docs say: `products` is required (an empty array means no
// product access); an email that already has an account answers 201 with that account when it
// has Jira access or new products are requested (which are then granted), and 400 otherwise.
function createUser(ctx) {
  const body = readJson(ctx);
  const email = body.emailAddress;
  if (typeof email !== 'string' || !email.trim()) {
    throw new HttpError(400, '', { errors: { emailAddress: 'You must specify an email address.' } });
  }
  if (!EMAIL.test(email)) {
    throw new HttpError(400, '', { errors: { emailAddress: 'The email address is not valid.' } });
  }
  if (body.products === undefined || body.products === null) {
    throw new HttpError(400, 'You must specify the products that user can access.');
  }
  if (!Array.isArray(body.products) || body.products.some((p) => typeof p !== 'string')) {
    throw new HttpError(400, '', { errors: { products: 'The products field must be an array of product keys.' } });
  }
  const unknown = body.products.filter((p) => !PRODUCTS[p]);
  if (unknown.length) {
    throw new HttpError(400, `Invalid products: ${unknown.join(', ')}. Valid products are: ${Object.keys(PRODUCTS).join(', ')}.`);
  }
  const { state } = ctx;
  const existing = state.userByEmail(email);
  if (existing) {
    const hasAccess = state.grantedProductsOf(existing).length > 0;
    const wanted = body.products.filter((p) => !state.grantedProductsOf(existing).includes(p));
    if (!hasAccess && wanted.length === 0) {
      throw new HttpError(400, `A user with email address '${email}' already exists and does not have access to Jira.`);
    }
    for (const p of wanted) state.grantProduct(existing.accountId, p);
    return json(201, userJson(ctx, existing));
  }
  const acc = state.addAccount({ emailAddress: email.trim() });
  for (const p of body.products) state.grantProduct(acc.accountId, p);
  return json(201, userJson(ctx, acc));
}

function getUser(ctx) {
  return json(200, userJson(ctx, accountParam(ctx), ctx.query.get('expand') ?? ''));
}

// Removes the account from the site (groups, service desks, product access). The Atlassian
// account itself lives on in reality; the simulator forgets it.
function deleteUser(ctx) {
  const acc = accountParam(ctx);
  if (acc.accountId === ctx.caller.accountId) throw new HttpError(400, 'You cannot delete the currently logged in user.');
  ctx.state.removeAccount(acc.accountId);
  return empty(204);
}

// Prefix match, case-insensitive, on each word of the display name and on the email address.
function matches(acc, q) {
  const words = acc.displayName.toLowerCase().split(/\s+/);
  return words.some((w) => w.startsWith(q)) || acc.displayName.toLowerCase().startsWith(q)
    || acc.emailAddress.toLowerCase().startsWith(q);
}

// GET /user/search: a plain array of active users, at most 1000 per call.
function findUsers(ctx) {
  const q = ctx.query.get('query');
  const id = ctx.query.get('accountId');
  if (!q && !id && !ctx.query.get('property')) {
    throw new HttpError(400, "One of 'query', 'accountId' or 'property' query parameters must be provided.");
  }
  const { start, size } = paging(ctx, { max: 1000 });
  const found = [...ctx.state.users.values()]
    .filter((u) => ctx.state.isActive(u))
    .filter((u) => (id ? u.accountId === id : true))
    .filter((u) => (q ? matches(u, q.trim().toLowerCase()) : true))
    .sort(byDisplayName);
  return json(200, found.slice(start, start + size).map((u) => userJson(ctx, u)));
}

// GET /users/search: every account, active or not, as a plain array.
function allUsers(ctx) {
  const { start, size } = paging(ctx, { max: 1000 });
  const all = [...ctx.state.users.values()];
  return json(200, all.slice(start, start + size).map((u) => userJson(ctx, u)));
}

function userEmail(ctx) {
  const acc = accountParam(ctx);
  return json(200, { accountId: acc.accountId, email: acc.emailAddress });
}

function myself(ctx) {
  return json(200, userJson(ctx, ctx.caller, ctx.query.get('expand') ?? ''));
}

export const userRoutes = [
  { method: 'POST', path: '/rest/api/3/user', cls: 'users-write', auth: AUTH.SITE_ADMIN, handler: createUser },
  { method: 'GET', path: '/rest/api/3/user', cls: 'users-read', auth: AUTH.SITE, handler: getUser },
  { method: 'DELETE', path: '/rest/api/3/user', cls: 'users-write', auth: AUTH.SITE_ADMIN, handler: deleteUser },
  { method: 'GET', path: '/rest/api/3/user/search', cls: 'users-read', auth: AUTH.SITE, handler: findUsers },
  { method: 'GET', path: '/rest/api/3/users/search', cls: 'users-read', auth: AUTH.SITE, handler: allUsers },
  { method: 'GET', path: '/rest/api/3/user/email', cls: 'users-read', auth: AUTH.SITE, handler: userEmail },
  { method: 'GET', path: '/rest/api/3/myself', cls: 'users-read', auth: AUTH.SITE, handler: myself },
];
