// The admin page's resolver: `invoke('call', {method, args})` from Custom UI runs one admin
// API method (the same names the Node host serves at /admin/api). Most go straight to the
// core; the host adds what only it knows: the SCIM base URL (the web trigger URL) and the
// licence. Jira shows jira:adminPage to Jira admins only.
import resolverModule from '@forge/resolver';
import { webTrigger } from '@forge/api';
import { getCore } from './core.js';
import { SCIM_TRIGGER } from './scim.js';

const triggerUrl = async () => (await webTrigger.getUrl(SCIM_TRIGGER)).replace(/\/+$/, '');

function licence(context) {
  if (!context?.license) return 'none';
  return context.license.isActive === true ? 'active' : 'inactive';
}

/** The Node host's simulator switches make no sense here: Forge talks to the site it is on. */
function noSimulator() {
  throw Object.assign(new Error('On Forge, usersync talks to the Jira site it is installed on; there is no simulator.'), { status: 409 });
}

/** Host-side methods; everything else is the core's. */
const HOST = {
  'jira.simulator': noSimulator,
  'jira.useSimulator': noSimulator,
  'host.info': async (core, _args, context) => ({
    version: core.version,
    store: 'Forge KVS',
    publicUrl: await triggerUrl(),
    jiraSimulated: false,
    simulatorUrl: null,
    licence: licence(context),
  }),
  'connections.list': async (core) => {
    const url = await triggerUrl();
    return (await core.call('connections.list')).map((view) => withUrl(view, url));
  },
  'connections.get': async (core, args) => withUrl(await core.call('connections.get', args), await triggerUrl()),
  'connections.update': async (core, args) => withUrl(await core.call('connections.update', args), await triggerUrl()),
  'connections.create': async (core, args) => {
    const created = await core.call('connections.create', args);
    const url = await triggerUrl();
    return { ...created, connection: withUrl(created.connection, url), scimBaseUrl: scimBaseUrl(created.connection, url) };
  },
};

const scimBaseUrl = (view, url) => `${url}${view.basePath ?? ''}`;
const withUrl = (view, url) => ({ ...view, scimBaseUrl: scimBaseUrl(view, url) });

/** Runs one admin method; failures come back as {error, status} so Custom UI sees the reason. */
export async function adminCall(method, args, context) {
  if (typeof method !== 'string') return { error: 'expected {method, args}', status: 400 };
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return { error: 'expected the arguments as a JSON object', status: 400 };
  try {
    const core = await getCore();
    const host = HOST[method];
    return { result: (await (host ? host(core, args, context) : core.call(method, args))) ?? null };
  } catch (err) {
    return { error: err?.message ?? String(err), status: Number(err?.status) || 500 };
  }
}

// webpack (Forge's bundler) hands over the class; Node's ESM loader the CommonJS exports.
const Resolver = resolverModule.default ?? resolverModule;
const resolver = new Resolver();
resolver.define('call', ({ payload, context }) => adminCall(payload?.method, payload?.args ?? {}, context));

/** The `admin-fn` function: Forge calls it with ({call, context}, runtimePayload). */
export const admin = resolver.getDefinitions();
