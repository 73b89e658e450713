// Time, injected: the simulator reads `now()` for rate-limit windows and the request log, and
// awaits `sleep(ms)` for added latency. Tests pass a manual clock so both are exact.

export const systemClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock that only moves when told to; sleep(ms) advances it at once. */
export function manualClock(start = Date.UTC(2025, 0, 1)) {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms) => { t += ms; },
    advance(ms) { t += ms; },
    set(ms) { t = ms; },
  };
}
