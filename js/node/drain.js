// The background drain: calls the core's `drain(budgetMs)` in a loop, one node at a time
// (a store lease named "drain"; PostgreSQL takes it with FOR UPDATE SKIP LOCKED). The core's
// own create-only leases already keep two drainers off one task; the host lease only spares
// several nodes from walking the same outbox at once.

/** How long a crashed holder keeps others from draining (SQLite only). */
const LEASE_TTL_MS = 60_000;

/**
 * @returns {{stop(): Promise<void>}} stop() ends the loop after the pass in progress.
 */
export function startDrainLoop({ core, store, log, intervalMs, budgetMs }) {
  let stopped = false;
  let wake = () => {};
  let failures = 0;

  async function pass() {
    const r = await store.lease('drain', LEASE_TTL_MS, () => core.drain(budgetMs));
    return r.held && hasMore(r.value);
  }

  const loop = (async () => {
    while (!stopped) {
      let more = false;
      try {
        more = await pass();
        failures = 0;
      } catch (err) {
        failures += 1;
        // One line per failure streak step, not per tick: 1st, 2nd, 4th, 8th…
        if ((failures & (failures - 1)) === 0) log('warn', { event: 'drain.failed', failures, msg: err?.message ?? String(err) });
      }
      if (!more && !stopped) {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wake = () => { clearTimeout(timer); resolve(); };
        });
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}

/** Whether the core's DrainReport says due work is left: it ran out of time, or the next
 * item is already due. Otherwise the loop sleeps its interval. */
function hasMore(report, now = Date.now()) {
  if (!report || typeof report !== 'object') return false;
  return report.outOfTime === true || (report.pending > 0 && report.nextDue !== null && report.nextDue <= now);
}
