// Helpers every route file uses: JSON body reading and paging parameters, each failing the way
// Jira fails (415 for a non-JSON body, 400 for a malformed one or bad paging).
import { HttpError, MSG } from '../errors.js';
import { isJson, int } from '../http.js';

/** The parsed JSON body; 415 when the Content-Type is not JSON, 400 when it does not parse. */
export function readJson(ctx) {
  const { body, headers } = ctx.req;
  if (body === undefined || body === '') throw new HttpError(400, MSG.invalidPayload);
  if (!isJson(headers)) throw new HttpError(415, 'Unsupported Media Type: the request body must be application/json.');
  try {
    const value = JSON.parse(body);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value;
  } catch {
    throw new HttpError(400, MSG.invalidPayload);
  }
}

/**
 * startAt/maxResults (platform) or start/limit (JSM). maxResults above `max` is silently capped,
 * as Jira does; negative or malformed values are a 400.
 */
export function paging(ctx, { startName = 'startAt', sizeName = 'maxResults', dflt = 50, max = 1000 } = {}) {
  const start = int(ctx.query, startName, 0);
  let size = int(ctx.query, sizeName, dflt);
  if (!Number.isInteger(start) || start < 0) throw new HttpError(400, `The '${startName}' parameter must be a non-negative integer.`);
  if (!Number.isInteger(size) || size < 0) throw new HttpError(400, `The '${sizeName}' parameter must be a non-negative integer.`);
  if (size > max) size = max;
  return { start, size };
}

/** The account named by ?accountId=, or 404 in Jira's words; 400 when the parameter is absent. */
export function accountParam(ctx, name = 'accountId') {
  const id = ctx.query.get(name);
  if (!id) throw new HttpError(400, `The '${name}' query parameter is required.`, { errors: { [name]: `The '${name}' query parameter is required.` } });
  const acc = ctx.state.users.get(id);
  if (!acc) throw new HttpError(404, MSG.userNotFound);
  return acc;
}

/** Loose email syntax: something@domain.tld, no spaces. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const byDisplayName = (a, b) =>
  a.displayName.toLowerCase().localeCompare(b.displayName.toLowerCase()) || a.accountId.localeCompare(b.accountId);
