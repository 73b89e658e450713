// Who is calling, and may they. Site APIs (/rest/...) take Basic email:api-token of an account
// on the site; the org admin API (/admin/...) takes an org API key as a Bearer token.
// Wrong or missing credentials → 401; right credentials without the needed rights → 403.
import { HttpError, MSG } from './errors.js';

/** Route auth levels. */
export const AUTH = { SITE: 'site', SITE_ADMIN: 'site-admin', ORG_READ: 'org-read', ORG_WRITE: 'org-write' };

function basicCredentials(headers) {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(headers.authorization ?? '');
  if (!m) return null;
  let text;
  try {
    // atob + TextDecoder rather than Buffer: this file also runs in the browser harness.
    text = new TextDecoder().decode(Uint8Array.from(atob(m[1]), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
  const i = text.indexOf(':');
  return i < 0 ? null : { email: text.slice(0, i), token: text.slice(i + 1) };
}

function bearer(headers) {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return m ? m[1] : null;
}

/**
 * Checks the request's credentials against `level`; returns the calling account for site
 * levels, or the API key's grants for org levels. Throws HttpError(401|403).
 * @param {{orgId?: string}} params path parameters (org levels check orgId)
 */
export function authenticate(level, req, state, params = {}) {
  if (level === AUTH.ORG_READ || level === AUTH.ORG_WRITE) return orgKey(level, req, state, params);
  const cred = basicCredentials(req.headers);
  const acc = cred && state.userByEmail(cred.email);
  if (!acc || !acc.apiToken || acc.apiToken !== cred.token || acc.suspended) {
    throw new HttpError(401, MSG.unauthenticated, {
      headers: {
        'www-authenticate': `OAuth realm="${encodeURIComponent(req.baseUrl)}"`,
        'x-seraph-loginreason': cred ? 'AUTHENTICATED_FAILED' : 'AUTHENTICATION_DENIED',
      },
      i18nKey: 'sd.api.error.unauthorized',
    });
  }
  if (level === AUTH.SITE_ADMIN && !state.isSiteAdmin(acc)) {
    throw new HttpError(403, 'You do not have permission to perform this operation. Site administration permission is required.',
      { i18nKey: 'sd.api.error.forbidden' });
  }
  return acc;
}

function orgKey(level, req, state, params) {
  const key = bearer(req.headers);
  const grant = key && state.org.apiKeys[key];
  if (!grant) throw new HttpError(401, 'Unauthorized; the API key is missing, invalid or expired.');
  if (params.orgId !== undefined && params.orgId !== state.org.orgId) {
    throw new HttpError(403, `The API key does not have access to organization ${params.orgId}.`);
  }
  if (level === AUTH.ORG_WRITE && !grant.write) {
    throw new HttpError(403, 'The API key does not have the scopes this operation requires.');
  }
  return grant;
}
