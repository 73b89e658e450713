// The admin secret: the one credential for /admin and the admin API. It is made on first
// start, shown once, and only its SHA-256 is stored (a 256-bit random secret needs no slow
// hash). It is not a SCIM token: an IdP's token can't sign in here, and this can't call SCIM.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Secret-store name of the admin secret's hash (host-owned, outside the core's names). */
export const ADMIN_HASH = 'node.admin.sha256';

const hash = (secret) => createHash('sha256').update(secret, 'utf8').digest('hex');

export function newAdminSecret() {
  return `usa_${randomBytes(32).toString('base64url')}`;
}

/**
 * Makes the admin secret unless one exists. Safe when several nodes start at once: the
 * create-only write elects one. Resolves the new secret, or null when one existed.
 */
export async function ensureAdminSecret(store) {
  const secret = newAdminSecret();
  return (await store.createSecret(ADMIN_HASH, hash(secret))) ? secret : null;
}

/** Replaces the admin secret (`usersync admin reset-secret`); resolves the new one. */
export async function resetAdminSecret(store) {
  const secret = newAdminSecret();
  await store.setSecret(ADMIN_HASH, hash(secret));
  return secret;
}

/** True when `presented` is the admin secret; constant time in the secret's content. */
export async function verifyAdminSecret(store, presented) {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 200) return false;
  const stored = await store.getSecret(ADMIN_HASH);
  if (!stored) return false;
  const a = Buffer.from(hash(presented), 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bearer credential of a request, or null. */
export function bearer(req) {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m ? m[1] : null;
}
