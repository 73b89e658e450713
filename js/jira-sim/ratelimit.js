// Rate limiting as Jira Cloud describes it: independent budgets, per tenant (all endpoints) and
// burst per endpoint (method + path), in fixed windows on the injected clock so tests are exact.
// An endpoint class named in `classes` ('users-write', …) shares one burst budget across its
// endpoints; an endpoint named there ("POST /rest/api/3/user") gets its own limit.
// Every answer carries X-RateLimit-Limit/-Remaining (of the tighter budget), plus
// X-RateLimit-NearLimit: true under 20 % left. A 429 adds Retry-After (seconds),
// X-RateLimit-Reset (yyyy-MM-ddTHH:mmZ, request time + Retry-After) and RateLimit-Reason:
// jira-quota-tenant-based for the tenant budget, jira-burst-based for an endpoint budget.
//
// Config: {enabled, tenant: {limit, windowMs}, endpoint: {limit, windowMs},
//          classes: {[class | "METHOD /path/template"]: {limit, windowMs}}}

export const DEFAULT_RATE_LIMITS = {
  enabled: false,
  tenant: { limit: 100, windowMs: 1000 },
  endpoint: { limit: 20, windowMs: 1000 },
  classes: {},
};

/** Jira's X-RateLimit-Reset format: ISO 8601 to the minute, UTC. */
export function resetStamp(ms) {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

export function rateLimitHeaders429({ limit, retryAfterS, now, reason }) {
  return {
    'retry-after': String(retryAfterS),
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': resetStamp(now + retryAfterS * 1000),
    'ratelimit-reason': reason,
  };
}

export function createRateLimiter(config, clock) {
  const cfg = { ...DEFAULT_RATE_LIMITS, ...config };
  const windows = new Map(); // bucket key → {start, used}

  function bucket(key, { limit, windowMs = 1000 }, now) {
    const start = Math.floor(now / windowMs) * windowMs;
    let w = windows.get(key);
    if (!w || w.start !== start) windows.set(key, (w = { start, used: 0 }));
    return { w, limit, windowMs, left: limit - w.used };
  }

  /**
   * Counts one request. Returns {limited: false, headers} or {limited: true, headers} where the
   * headers are the 429 set. `tenant` is 'site' or 'org'; `endpoint` e.g. "POST /rest/api/3/user".
   */
  function check(tenant, cls, endpoint) {
    if (!cfg.enabled) return { limited: false, headers: {} };
    const now = clock.now();
    const epName = cfg.classes[endpoint] || !cfg.classes[cls] ? endpoint : cls;
    const epCfg = { ...cfg.endpoint, ...(cfg.classes[epName] ?? {}) };
    const t = bucket(`${tenant}|*`, cfg.tenant, now);
    const e = bucket(`${tenant}|${epName}`, epCfg, now);
    const full = t.left <= 0 ? [t, 'jira-quota-tenant-based'] : e.left <= 0 ? [e, 'jira-burst-based'] : null;
    if (full) {
      const [b, reason] = full;
      const retryAfterS = Math.max(1, Math.ceil((b.w.start + b.windowMs - now) / 1000));
      return { limited: true, headers: rateLimitHeaders429({ limit: b.limit, retryAfterS, now, reason }) };
    }
    t.w.used += 1;
    e.w.used += 1;
    const tight = (t.left - 1) / t.limit <= (e.left - 1) / e.limit ? t : e;
    const remaining = tight.left - 1;
    const headers = { 'x-ratelimit-limit': String(tight.limit), 'x-ratelimit-remaining': String(remaining) };
    if (remaining < 0.2 * tight.limit) headers['x-ratelimit-nearlimit'] = 'true';
    return { limited: false, headers };
  }

  return { check, config: cfg };
}
