// Seeded pseudo-random numbers, so that generated ids and injected faults repeat run after run.
// mulberry32: tiny, fast, and good enough for test scheduling (not for anything secret).

/** @param {number} seed @returns {() => number} uniform in [0, 1) */
export function makeRng(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` lowercase hex digits drawn from `rng`. */
export function hex(rng, n) {
  let s = '';
  while (s.length < n) s += Math.floor(rng() * 0x100000000).toString(16).padStart(8, '0');
  return s.slice(0, n);
}

/** A version-4-shaped UUID drawn from `rng`. */
export function uuid(rng) {
  const h = hex(rng, 32);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
