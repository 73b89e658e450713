// The outbox's Forge queue: the web trigger pushes a "drain" event when it leaves Jira work
// behind; the consumer (drain.js) works it off and pushes again while work remains.
import { Queue } from '@forge/events';

/** Must match `modules.consumer[].queue` in manifest.yml. */
export const OUTBOX_QUEUE = 'usersync-outbox';
/** Forge delays an event by at most 15 minutes. */
export const MAX_DELAY_S = 900;
/**
 * A write's drain event is delayed this long, and writes in the meantime add none: the one
 * event, delivered after all of them were stored, serves them all.
 */
export const COALESCE_S = 2;

const queue = new Queue({ key: OUTBOX_QUEUE });
/** When the last drain event this container pushed for writes comes due. */
let writesCoveredUntil = -Infinity;

async function push(delayInSeconds, reason) {
  await queue.push([{ body: { drain: reason }, ...(delayInSeconds > 0 ? { delayInSeconds } : {}) }]);
}

/**
 * After a SCIM write: makes sure a drain runs after it. Pushes nothing while an event this
 * container pushed is still to come (it will see this write's work too).
 * @returns {Promise<boolean>} whether an event was pushed
 */
export async function drainAfterWrite() {
  const now = Date.now();
  if (writesCoveredUntil > now) return false;
  writesCoveredUntil = now + COALESCE_S * 1000;
  await push(COALESCE_S, 'write');
  return true;
}

/** From a drain with work left: the next drain, when the earliest item is due. */
export async function drainLater(delayMs) {
  await push(Math.min(MAX_DELAY_S, Math.max(0, Math.ceil(delayMs / 1000))), 'later');
}
