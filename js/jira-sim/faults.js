// Fault injection, deterministic for a given seed and request sequence.
// Config: {seed, rules: [Rule], script: [Step]}
//   Rule  {match?, p429?, p500?, p503?, pDrop?, pDropAfter?, latencyMs?: n | [min, max],
//          pLatency?, retryAfterS?}   the first rule whose `match` fits applies; shares are
//          probabilities (0..1) drawn from one seeded generator, two draws per request.
//   Step  {match?, kind, ms?, times?}  one-shot faults, consumed in order by matching requests:
//          kind is '429' | '500' | '503' | 'drop' | 'drop-after' | 'latency'.
// `match` is '*' (default), an endpoint class ('users-write'), or an endpoint
// ("POST /rest/api/3/user"). 'drop' loses the request before Jira sees it; 'drop-after' applies
// it and then loses the answer — the case that tests idempotent retries.
import { makeRng } from './rng.js';

export const FAULT_KINDS = ['429', '500', '503', 'drop', 'drop-after', 'latency'];

const fits = (match, endpoint, cls) => match === undefined || match === '*' || match === endpoint || match === cls;

function latency(spec, rng) {
  if (Array.isArray(spec)) {
    const [lo, hi] = spec;
    return Math.round(lo + rng() * (hi - lo));
  }
  return Number(spec) || 0;
}

export function createFaults(config = {}) {
  const cfg = { seed: 1, rules: [], script: [], ...config };
  const rng = makeRng(cfg.seed);
  const script = cfg.script.map((s) => ({ times: 1, ...s }));
  for (const s of script) {
    if (!FAULT_KINDS.includes(String(s.kind))) throw new TypeError(`unknown fault kind: ${s.kind}`);
  }

  /** @returns {{kind: string|null, latencyMs: number, retryAfterS: number}} */
  function decide(endpoint, cls) {
    const r1 = rng();
    const r2 = rng();
    const step = script.find((s) => s.times > 0 && fits(s.match, endpoint, cls));
    if (step) {
      step.times -= 1;
      if (step.kind === 'latency') return { kind: null, latencyMs: Number(step.ms) || 0, retryAfterS: 1 };
      return { kind: String(step.kind), latencyMs: Number(step.ms) || 0, retryAfterS: step.retryAfterS ?? 1 };
    }
    const rule = cfg.rules.find((r) => fits(r.match, endpoint, cls));
    if (!rule) return { kind: null, latencyMs: 0, retryAfterS: 1 };
    const shares = [['429', rule.p429], ['500', rule.p500], ['503', rule.p503], ['drop', rule.pDrop], ['drop-after', rule.pDropAfter]];
    let acc = 0;
    let kind = null;
    for (const [k, p] of shares) {
      acc += Number(p) || 0;
      if (r1 < acc) { kind = k; break; }
    }
    const pLatency = rule.pLatency ?? (rule.latencyMs !== undefined ? 1 : 0);
    const latencyMs = r2 < pLatency ? latency(rule.latencyMs, () => (r2 / pLatency)) : 0;
    return { kind, latencyMs, retryAfterS: rule.retryAfterS ?? 1 };
  }

  const active = () => cfg.rules.length > 0 || script.some((s) => s.times > 0);
  return { decide, active, config: cfg };
}
