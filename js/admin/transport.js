// The admin UI's one door to the server: `{call(method, args) → Promise<result>}`.
// Here it is HTTP (`POST /admin/api/{method}`, the admin secret as a bearer token); the Forge
// admin page supplies one built on `invoke(method, args)` instead, and nothing else changes.

/** An admin call that failed; `status` is the HTTP status (401: sign in again). */
export class CallError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'CallError';
    this.status = status;
  }
}

/**
 * @param {() => string | null} secret the admin secret, read at each call
 * @param {string} [base] where the admin API is mounted
 */
export function httpTransport(secret, base = '/admin/api/') {
  return {
    async call(method, args = {}) {
      let res;
      try {
        res = await fetch(base + encodeURIComponent(method), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret() ?? ''}` },
          body: JSON.stringify(args),
        });
      } catch {
        throw new CallError('The server did not answer. Is `usersync serve` running?', 0);
      }
      let payload = null;
      try {
        payload = await res.json();
      } catch {
        // fall through: a non-JSON answer is reported by status below
      }
      if (!res.ok) throw new CallError(payload?.error ?? `The server answered ${res.status}.`, res.status);
      return payload?.result ?? null;
    },
  };
}
