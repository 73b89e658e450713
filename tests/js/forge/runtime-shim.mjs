// A Forge runtime for tests: the globals the real @forge/api, @forge/kvs, @forge/events and
// @forge/bridge code calls, so the app's bundle runs unmodified in Node.
//
//   global.__forge_runtime__  appContext (ids, moduleKey, licence), lambdaContext (remaining
//                             time), metrics, tracing, proxy token — what @forge/api reads
//   global.__forge_fetch__    every proxied call: {type: 'kvs'} → the KVS service (shim/kvs.mjs);
//                             {type: 'fpp', remote: 'jira'} → the product proxy onto the Jira
//                             simulator; {remote: 'stargate'} → web trigger URLs, queue pushes
//   global.fetch              egress-checked: only manifest `external.fetch.backend` hosts
//   global.__bridge           Custom UI's bridge: `invoke` reaches the resolver function
//
// Install before the bundle is loaded: @forge/api binds `fetch` and @forge/bridge binds
// `__bridge` when they are first required, as they do in Forge.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import manifestTools from '@forge/manifest';
import { DEMO_ADMIN } from '../../../js/jira-sim/index.js';
import { createKvs } from './shim/kvs.mjs';
import { createAtlassian, createPlatform } from './shim/atlassian.mjs';

/**
 * Parses a manifest with Atlassian's validator (YAML and schema: the full check, which also
 * needs the built resources, is manifest.test.mjs); throws listing the errors.
 */
export async function loadManifest(file) {
  const result = await manifestTools.validate(true, file);
  const errors = (result.errors ?? []).filter((e) => e.level === 'error');
  if (!result.success || errors.length) {
    throw new Error(`${file} is invalid:\n${errors.map((e) => `  line ${e.line}: ${e.message}`).join('\n')}`);
  }
  return result.manifestObject.typedContent;
}

/** Seconds a function may run: web triggers 55, resolvers 25, others their timeoutSeconds (default 55). */
function timeoutMs(manifest, moduleKey) {
  const modules = manifest.modules ?? {};
  if ((modules.webtrigger ?? []).some((m) => m.key === moduleKey)) return 55_000;
  const fnKey = Object.values(modules).flat().find((m) => m.key === moduleKey && m.function)?.function
    ?? Object.values(modules).flat().find((m) => m.key === moduleKey)?.resolver?.function;
  const fn = (modules.function ?? []).find((f) => f.key === fnKey);
  if (Object.keys(modules).some((type) => type.includes('Page') && modules[type].some((m) => m.key === moduleKey))) return 25_000;
  return (fn?.timeoutSeconds ?? 55) * 1000;
}

const NOOP_METRICS = {
  counter: () => ({ incr() {}, decr() {} }),
  timing: () => ({ measure: () => ({ stop() {} }) }),
  gauge: () => ({ set() {} }),
};

/**
 * @param {object} options
 * @param {object} options.manifest from loadManifest()
 * @param {{fetch: Function}} options.sim the Jira simulator (js/jira-sim)
 * @param {string} [options.siteUrl] the installation's Jira site
 * @param {{email, apiToken}} [options.appAccount] who the app user is on the simulated site
 * @param {() => number} [options.now] clock for KVS timestamps and queue delays
 */
export function createForgeRuntime({ manifest, sim, siteUrl = 'https://acme.atlassian.net', appAccount = DEMO_ADMIN, now = Date.now }) {
  const appId = manifest.app.id.split('/').pop();
  const installationId = randomUUID();
  const cloudId = randomUUID();
  const installContext = `ari:cloud:jira::site/${cloudId}`;
  const kvs = createKvs({ now });
  const atlassian = createAtlassian({
    sim, siteUrl,
    scopes: manifest.permissions?.scopes ?? [],
    egress: manifest.permissions?.external?.fetch?.backend ?? [],
    appAccount,
  });
  const queue = [];
  const platform = createPlatform({
    installationId,
    onPush(request) {
      for (const event of request.payload) {
        queue.push({
          queueName: request.queueName, jobId: request.jobId, eventId: randomUUID(), body: event.body,
          dueAt: now() + (event.delayInSeconds ?? 0) * 1000, retryCount: 0,
        });
      }
    },
  });
  const calls = [];
  let license;
  let saved;

  const runtime = {
    proxy: { token: `proxy-${randomUUID()}`, url: 'https://forge-proxy.invalid' },
    contextAri: installContext,
    appContext: {
      appId, appVersion: '1.0.0', environmentId: randomUUID(), environmentType: 'PRODUCTION',
      invocationId: undefined, installationId, moduleKey: undefined, license: undefined,
      installation: undefined, permissions: manifest.permissions,
    },
    lambdaContext: { getRemainingTimeInMillis: () => 0 },
    metrics: NOOP_METRICS,
    tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().slice(0, 16) },
    externalAuth: [],
  };

  /** The one door every SDK call goes through. */
  async function forgeFetch(payload, path, init = {}) {
    calls.push({ type: payload.type, remote: payload.remote, provider: payload.provider, path });
    if (payload.type === 'kvs') {
      const { status, body } = kvs.handle(path, init.body ? JSON.parse(init.body) : {});
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status, headers: body === undefined ? {} : { 'content-type': 'application/json' },
      });
    }
    if (payload.type === 'fpp' && payload.remote === 'jira' && payload.provider === 'app') return atlassian.requestJira(path, init);
    if (payload.type === 'fpp' && payload.remote === 'stargate' && payload.provider === 'app') return platform.request(path, init);
    return new Response(JSON.stringify({ message: `not modelled: ${JSON.stringify(payload)} ${path}` }), {
      status: 403, headers: { 'forge-proxy-error': 'PROXY_ERR' },
    });
  }

  const api = {
    kvs,
    queue,
    calls,
    requests: atlassian.requests,
    installContext,
    webTriggerUrl: (key) => platform.webTriggerUrl(key),

    /** Sets the globals; the bundle must be required after this. */
    install() {
      if (saved) throw new Error('the Forge runtime shim is already installed');
      saved = { runtime: global.__forge_runtime__, fetchFn: global.__forge_fetch__, fetch: global.fetch, bridge: globalThis.__bridge };
      global.__forge_runtime__ = runtime;
      global.__forge_fetch__ = forgeFetch;
      global.fetch = atlassian.egressFetch;
      return api;
    },

    uninstall() {
      if (!saved) return;
      global.__forge_runtime__ = saved.runtime;
      global.__forge_fetch__ = saved.fetchFn;
      global.fetch = saved.fetch;
      globalThis.__bridge = saved.bridge;
      saved = undefined;
    },

    /** Loads a CommonJS bundle (as Forge's runtime does) after the globals are in place. */
    require(file) {
      if (!saved) throw new Error('install() the runtime before loading the bundle');
      return createRequire(import.meta.url)(file);
    },

    /** The licence Forge reports from now on (undefined: a free or non-production install). */
    setLicense(value) {
      license = value;
    },

    /** Runs one function invocation the way Forge does: (payload, context), within its time limit. */
    async invoke(handler, payload, { moduleKey, principal } = {}) {
      const limit = timeoutMs(manifest, moduleKey);
      const deadline = Date.now() + limit;
      runtime.appContext = { ...runtime.appContext, moduleKey, invocationId: randomUUID(), license };
      runtime.lambdaContext = { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
      const context = { installContext, license, principal, installation: undefined };
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${moduleKey} timed out after ${limit / 1000} s`)), limit);
        timer.unref();
      });
      try {
        return await Promise.race([handler(payload, context), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    /** A web trigger call: builds Forge's request object from an HTTP-ish description. */
    async trigger(handler, { method = 'GET', path = '/', query = {}, headers = {}, body } , moduleKey = 'scim') {
      const url = new URL(platform.webTriggerUrl(moduleKey));
      const request = {
        method,
        path: `${url.pathname}${path}`,
        userPath: path,
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v : [v]])),
        queryParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      };
      return api.invoke(handler, request, { moduleKey });
    },

    /**
     * Delivers the queue events due now to `handler` (the consumer function), as Forge does:
     * an InvocationError result or a throw schedules a retry (up to 4), anything else acks.
     * @returns {Promise<number>} how many events were delivered
     */
    async deliver(handler, moduleKey) {
      let delivered = 0;
      for (const event of queue.filter((e) => e.dueAt <= now() && !e.done)) {
        delivered += 1;
        const asyncEvent = {
          body: event.body, queueName: event.queueName, jobId: event.jobId, eventId: event.eventId,
          ...(event.retryCount ? { retryContext: { retryCount: event.retryCount, retryReason: event.retryReason, retryData: event.retryData } } : {}),
        };
        let retry;
        try {
          const result = await api.invoke(handler, asyncEvent, { moduleKey });
          if (result?._retry) retry = { after: result.retryOptions?.retryAfter ?? 1, reason: result.retryOptions?.retryReason, data: result.retryOptions?.retryData };
        } catch (err) {
          retry = { after: 60, reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', error: err };
        }
        if (retry && event.retryCount < 4) {
          Object.assign(event, { dueAt: now() + retry.after * 1000, retryCount: event.retryCount + 1, retryReason: retry.reason, retryData: retry.data });
        } else {
          Object.assign(event, { done: true, failed: Boolean(retry), error: retry?.error });
        }
      }
      return delivered;
    },

    /** Wires Custom UI's bridge to a resolver function, as the admin page's iframe would be. */
    connectBridge(resolverHandler, { moduleKey, accountId = '5b10ac8d82e05b22cc7d4e01' } = {}) {
      globalThis.__bridge = {
        async callBridge(op, { functionKey, payload } = {}) {
          if (op !== 'invoke') throw new Error(`the test bridge does not model ${op}`);
          const call = { call: { functionKey, payload }, context: { moduleKey, extension: { type: 'jira:adminPage' } } };
          return api.invoke(resolverHandler, call, { moduleKey, principal: { accountId } });
        },
      };
    },
  };
  return api;
}
