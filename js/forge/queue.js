// The outbox's Forge queue: the web trigger pushes a "drain" event when it leaves Jira work
// behind; the consumer (drain.js) works it off and pushes again while work remains.
import { Queue } from '@forge/events';

/** Must match `modules.consumer[].queue` in manifest.yml. */
export const OUTBOX_QUEUE = 'usersync-outbox';
/** Forge delays an event by at most 15 minutes. */
export const MAX_DELAY_S = 900;
/** A busy container pushes at most one drain event per this many ms (the drain serves all). */
export const PUSH_INTERVAL_MS = 5_000;

const queue = new Queue({ key: OUTBOX_QUEUE });
let lastPushAt = -Infinity;

/**
 * Asks for a drain in `delayMs` (0: as soon as possible). Returns false when this container
 * pushed one moments ago: two consumers would only contend for the same outbox items.
 */
export async function scheduleDrain({ delayMs = 0, reason = 'outbox', force = false } = {}) {
  const now = Date.now();
  if (!force && now - lastPushAt < PUSH_INTERVAL_MS) return false;
  lastPushAt = now;
  const delayInSeconds = Math.min(MAX_DELAY_S, Math.max(0, Math.ceil(delayMs / 1000)));
  await queue.push([{ body: { drain: reason }, ...(delayInSeconds ? { delayInSeconds } : {}) }]);
  return true;
}
