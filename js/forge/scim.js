// The web trigger function: one SCIM request from the IdP through the core, within the 55 s
// Forge gives a web trigger. Jira work the core could not finish in its budget stays in the
// outbox and is handed to the queue consumer.
import { webTrigger } from '@forge/api';
import { drainAfter, getCore } from './core.js';
import { drainAfterWrite } from './queue.js';
import { licenceInactive, toCoreRequest, toForgeResponse } from './webtrigger.js';

/** The manifest key of the SCIM web trigger. */
export const SCIM_TRIGGER = 'scim';
/** How long a request may spend on Jira calls before answering the IdP. */
export const REQUEST_DRAIN_BUDGET_MS = 10_000;

let baseUrl;

/** The trigger's public URL: stable per installation, so asked once per warm container. */
async function triggerUrl() {
  baseUrl ??= (await webTrigger.getUrl(SCIM_TRIGGER)).replace(/\/+$/, '');
  return baseUrl;
}

export async function scim(request, context) {
  const core = await getCore();
  // The core answers an unlicensed request (403, in the connection's SCIM dialect, after
  // authenticating it); the host only says whether the licence is active.
  const envelope = toCoreRequest(request, {
    baseUrl: await triggerUrl(), drainBudgetMs: REQUEST_DRAIN_BUDGET_MS, licensed: !licenceInactive(context),
  });
  const response = await core.handle(envelope);
  if (drainAfter(envelope, response)) {
    try {
      await drainAfterWrite();
    } catch (err) {
      // The SCIM write is stored with its tasks: the hourly reconcile's drain picks them up.
      console.warn(JSON.stringify({ event: 'queue.push.failed', msg: err?.message ?? String(err) }));
    }
  }
  return toForgeResponse(response);
}
