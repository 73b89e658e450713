// The simulator: one pure-ish async handler (request → response) over in-memory state.
// Per request: log → injected faults (latency, drop, 429/500/503) → route (404/405) →
// rate limits (429) → credentials (401/403) → the endpoint → maybe drop the answer.
// Paths under /__sim/ are the inspection API (inspect.js): never logged, limited or faulted.
import { HttpError, errorBody, MSG } from './errors.js';
import { normalizeRequest, json, DroppedConnection } from './http.js';
import { authenticate } from './auth.js';
import { createRouter } from './router.js';
import { createRateLimiter, rateLimitHeaders429, DEFAULT_RATE_LIMITS } from './ratelimit.js';
import { createFaults } from './faults.js';
import { SiteState } from './state.js';
import { DEMO_SEED } from './seed.js';
import { systemClock } from './clock.js';
import { userRoutes } from './routes/users.js';
import { groupRoutes } from './routes/groups.js';
import { jsmRoutes } from './routes/jsm.js';
import { adminRoutes } from './routes/admin.js';
import { handleInspect } from './inspect.js';

export const ROUTES = [...userRoutes, ...groupRoutes, ...jsmRoutes, ...adminRoutes];
const match = createRouter(ROUTES);

export const DEFAULT_BASE_URL = 'http://jira-sim.localhost';

function abortError(signal) {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

async function sleep(clock, ms, signal) {
  if (!ms) return;
  if (!signal) return clock.sleep(ms);
  if (signal.aborted) throw abortError(signal);
  await new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    clock.sleep(ms).then(() => { signal.removeEventListener('abort', onAbort); resolve(); });
  });
}

/**
 * @param {{seedData?, idSeed?, rateLimits?, faults?, clock?, baseUrl?, logLimit?}} options
 */
export function createJiraSim(options = {}) {
  const clock = options.clock ?? systemClock;
  const defaultBase = options.baseUrl ?? DEFAULT_BASE_URL;
  const logLimit = options.logLimit ?? 10000;
  const initial = {
    seedData: options.seedData ?? DEMO_SEED,
    idSeed: options.idSeed ?? 1,
    rateLimits: options.rateLimits ?? {},
    faults: options.faults ?? {},
  };
  let cfg;
  let state;
  let limiter;
  let faults;
  const log = { seq: 0, entries: [], counts: {} };

  function configure(patch, { fresh = false } = {}) {
    const next = fresh ? { ...initial } : { ...cfg };
    for (const key of ['seedData', 'idSeed', 'rateLimits', 'faults']) {
      if (patch[key] !== undefined) next[key] = patch[key] ?? initial[key];
    }
    const newFaults = createFaults(next.faults); // throws on a bad config before anything changes
    if (fresh || patch.seedData !== undefined || patch.idSeed !== undefined) state = new SiteState(next.seedData, next.idSeed);
    if (fresh || patch.rateLimits !== undefined) limiter = createRateLimiter(next.rateLimits, clock);
    faults = newFaults;
    cfg = next;
    return publicConfig();
  }

  function publicConfig() {
    return { idSeed: cfg.idSeed, rateLimits: limiter.config, faults: faults.config, logLimit };
  }

  function clearLog() {
    log.entries = [];
    log.counts = {};
  }

  function reset() {
    clearLog();
    return configure({}, { fresh: true });
  }

  function answer(req, m, endpoint) {
    const { api } = m;
    let rl = { headers: {} };
    try {
      if (m.status === 404) throw new HttpError(404, `No resource found for ${req.method} ${req.path}`);
      if (m.status === 405) throw new HttpError(405, 'Method Not Allowed', { headers: { allow: m.allow.join(', ') } });
      rl = limiter.check(api.startsWith('admin') ? 'org' : 'site', m.route.cls, endpoint);
      if (rl.limited) throw new HttpError(429, MSG.rateLimited, { headers: rl.headers });
      const caller = authenticate(m.route.auth, req, state, m.params);
      const ctx = { req, params: m.params, query: req.query, path: req.path, baseUrl: req.baseUrl, state, caller };
      const res = m.route.handler(ctx);
      Object.assign(res.headers, rl.headers);
      return res;
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      return json(err.status, errorBody(api, err), { ...(rl.limited ? {} : rl.headers), ...err.headers });
    }
  }

  function faultResponse(kind, api, retryAfterS) {
    const status = Number(kind);
    const message = status === 429 ? MSG.rateLimited : status === 503 ? MSG.unavailable : MSG.internal;
    let headers = {};
    if (status === 429) {
      const limit = limiter.config.endpoint.limit;
      headers = rateLimitHeaders429({ limit, retryAfterS, now: clock.now(), reason: 'jira-burst-based' });
    } else if (status === 503) {
      headers = { 'retry-after': String(retryAfterS) };
    }
    return json(status, errorBody(api, new HttpError(status, message)), headers);
  }

  /** Answers one request. Throws DroppedConnection when the connection is to be dropped. */
  async function handle(request) {
    const req = normalizeRequest(request, defaultBase);
    if (req.path === '/__sim' || req.path.startsWith('/__sim/')) return handleInspect(req, api);
    const m = match(req.method, req.path);
    const endpoint = m.route ? m.route.endpoint : `${req.method} ${req.path}`;
    const entry = {
      seq: ++log.seq, at: clock.now(), method: req.method, path: req.path,
      query: req.query.toString(), endpoint, status: null,
    };
    if (req.body !== undefined) entry.body = req.body.length > 4096 ? `${req.body.slice(0, 4096)}…` : req.body;
    log.entries.push(entry);
    if (log.entries.length > logLimit) log.entries.shift();
    log.counts[endpoint] = (log.counts[endpoint] ?? 0) + 1;

    const fault = faults.decide(endpoint, m.route?.cls ?? 'unmatched');
    if (fault.kind) entry.fault = fault.kind;
    if (fault.latencyMs) {
      entry.latencyMs = fault.latencyMs;
      await sleep(clock, fault.latencyMs, request.signal);
    }
    if (fault.kind === 'drop') {
      entry.status = 'dropped';
      throw new DroppedConnection('before');
    }
    const res = ['429', '500', '503'].includes(fault.kind)
      ? faultResponse(fault.kind, m.api, fault.retryAfterS)
      : answer(req, m, endpoint);
    if (fault.kind === 'drop-after') {
      entry.status = 'dropped';
      entry.appliedStatus = res.status;
      throw new DroppedConnection('after');
    }
    entry.status = res.status;
    res.headers['x-arequestid'] = `sim-${entry.seq}`;
    return res;
  }

  function requests({ since = 0 } = {}) {
    return {
      total: Object.values(log.counts).reduce((a, b) => a + b, 0),
      lastSeq: log.seq,
      counts: { ...log.counts },
      requests: log.entries.filter((e) => e.seq > since),
    };
  }

  const api = {
    handle,
    get state() { return state; },
    snapshot: () => state.snapshot(),
    reset,
    config: (patch) => (patch ? configure(patch) : publicConfig()),
    requests,
    clearRequests: clearLog,
    clock,
    defaultRateLimits: DEFAULT_RATE_LIMITS,
  };
  configure({}, { fresh: true });
  return api;
}
