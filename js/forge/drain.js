// The queue consumer and the hourly scheduled trigger: both drain the outbox within the
// time Forge leaves the invocation, then ask for another drain if work remains.
import { getAppContext } from '@forge/api';
import { getCore, nextDrainDelayMs } from './core.js';
import { drainLater } from './queue.js';

/** Time kept back from the invocation's limit for the last Jira call and the push. */
const MARGIN_MS = 30_000;
/** The most one drain call gets, whatever the limit says. */
const MAX_BUDGET_MS = 600_000;

function budgetMs() {
  let remaining = MAX_BUDGET_MS + MARGIN_MS;
  try {
    remaining = getAppContext().invocationRemainingTimeInMillis();
  } catch {
    // an older runtime without remaining time: keep the default
  }
  return Math.max(1_000, Math.min(MAX_BUDGET_MS, remaining - MARGIN_MS));
}

/**
 * Drains, then asks for the next drain while work is queued. Every write event can start a
 * chain of `later` events; a `later` drain that found nothing to do ends its chain, since
 * another drain ran those items and keeps its own chain going. So chains collapse to one.
 */
async function drainAndReschedule(reason) {
  const core = await getCore();
  const report = await core.drain(budgetMs());
  const delayMs = nextDrainDelayMs(report);
  const progressed = report && report.done + report.retried + report.deadLettered + report.parked > 0;
  if (delayMs !== null && (reason !== 'later' || progressed)) await drainLater(delayMs);
  return report;
}

/** Consumer of the outbox queue (`modules.consumer`). */
export async function drain(event) {
  const report = await drainAndReschedule(event?.body?.drain ?? 'queue');
  console.info(JSON.stringify({ event: 'drain', ...summary(report) }));
}

/** Hourly `scheduledTrigger`: reconcile every connection (repair queues fixes), then drain. */
export async function reconcile() {
  const core = await getCore();
  for (const connection of await core.call('connections.list')) {
    try {
      const report = await core.call('reconcile', { id: connection.id, repair: true });
      console.info(JSON.stringify({ event: 'reconcile', connection: connection.id, drift: report?.drift?.length ?? 0 }));
    } catch (err) {
      console.warn(JSON.stringify({ event: 'reconcile.failed', connection: connection.id, msg: err?.message ?? String(err) }));
    }
  }
  await drainAndReschedule('reconcile');
}

function summary(report) {
  if (!report || typeof report !== 'object') return {};
  const { done, retried, deadLettered, jiraCalls, pending, outOfTime, paused } = report;
  return { done, retried, deadLettered, jiraCalls, pending, outOfTime, paused };
}
