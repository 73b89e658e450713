// The KV contract's rules as every JS store adapter checks them (the Node adapters in
// js/node/store.js, IndexedDB in js/browser/kv.js): limits, key and value checks, batches,
// page sizes and cursors. The contract itself is the core's (src/host/mod.rs); adapters
// re-check so a host-side caller (the CLI, first start, the harness page) fails the same
// way the core would. Runs in Node and in browsers: no Buffer.

/** The longest key, in characters (Forge KVS). */
export const MAX_KEY_LEN = 500;
/** The largest value, in bytes of its JSON string form (Forge's 240 KiB). */
export const MAX_VALUE_BYTES = 240 * 1024;
/** The most entries one `list` call returns. */
export const MAX_LIST_PAGE = 20;
/** The most writes one `transact` call holds (Forge KVS's transaction limit). */
export const MAX_TRANSACTION_WRITES = 25;

// ASCII whitespace as Rust's is_ascii_whitespace counts it (no \v, no Unicode spaces).
const KEY_CHARS = /^[a-zA-Z0-9:._ \t\n\f\r#-]*$/;

/** A storage failure, named like the core's HostError variants. */
export class StoreError extends Error {
  /**
   * @param {'InvalidKey'|'ValueTooLarge'|'InvalidCursor'|'InvalidBatch'|'Storage'} kind
   * @param {{op: string, key?: string, detail: string, cause?: unknown}} info
   */
  constructor(kind, { op, key, detail, cause }) {
    super(`storage ${op}${key === undefined ? '' : ` of key ${JSON.stringify(short(key))}`} failed: ${detail}`, { cause });
    this.name = 'StoreError';
    this.kind = kind;
    this.op = op;
    this.key = key === undefined ? undefined : short(key);
    this.detail = detail;
  }

  /** True when the same call may succeed later. */
  get transient() {
    return this.kind === 'Storage';
  }
}

function short(s) {
  return String(s).slice(0, 80);
}

/** Throws `InvalidKey` unless `key` is a key the contract allows. */
export function checkKey(op, key) {
  const bad = (detail) => { throw new StoreError('InvalidKey', { op, key: String(key), detail }); };
  if (typeof key !== 'string') bad(`expected a string key, found ${typeof key}`);
  if (key.length === 0) bad('a key needs at least one character');
  if (key.length > MAX_KEY_LEN) bad(`a key has at most ${MAX_KEY_LEN} characters`);
  if (!KEY_CHARS.test(key)) bad('expected only letters, digits, whitespace and : . _ - #');
  if (key.trim() === '') bad("a key can't be only whitespace");
}

/** Throws `InvalidKey` unless `prefix` is empty or made of key characters. */
export function checkPrefix(op, prefix) {
  if (typeof prefix !== 'string' || prefix.length > MAX_KEY_LEN || !KEY_CHARS.test(prefix)) {
    throw new StoreError('InvalidKey', { op, key: String(prefix), detail: 'a prefix is empty or made of key characters' });
  }
}

const utf8 = new TextEncoder();

/** Throws `ValueTooLarge` (or `InvalidKey` for a non-string) unless `value` fits. */
export function checkValue(op, key, value) {
  if (typeof value !== 'string') {
    throw new StoreError('InvalidKey', { op, key, detail: `expected a string value, found ${typeof value}` });
  }
  const size = utf8.encode(JSON.stringify(value)).length; // as the core counts: UTF-8 bytes
  if (size > MAX_VALUE_BYTES) {
    throw new StoreError('ValueTooLarge', { op, key, detail: `value is ${size} bytes; the most a host stores is ${MAX_VALUE_BYTES}` });
  }
}

/** Throws unless `writes` is a batch the contract allows: checked whole before any is applied. */
export function checkWrites(op, writes) {
  const bad = (detail) => { throw new StoreError('InvalidBatch', { op, detail }); };
  if (!Array.isArray(writes)) bad('expected an array of writes');
  if (writes.length > MAX_TRANSACTION_WRITES) bad(`${writes.length} writes; a transaction holds at most ${MAX_TRANSACTION_WRITES}`);
  const seen = new Set();
  for (const w of writes) {
    if (w?.op !== 'set' && w?.op !== 'delete') bad(`expected op "set" or "delete", found ${JSON.stringify(w?.op)}`);
    checkKey(op, w.key);
    if (w.op === 'set') checkValue(op, w.key, w.value);
    if (seen.has(w.key)) bad(`key ${JSON.stringify(short(w.key))} is written twice`);
    seen.add(w.key);
  }
}

/** The page size to use: 1..=20, default 20. */
export function clampLimit(limit) {
  const n = Number.isFinite(limit) ? Math.trunc(limit) : MAX_LIST_PAGE;
  return Math.min(MAX_LIST_PAGE, Math.max(1, n));
}

// Cursors are the last key returned (ASCII, as every key is), base64url-wrapped and tagged
// so callers treat them as opaque.
const CURSOR_TAG = 'k1.';

export function encodeCursor(lastKey) {
  return CURSOR_TAG + btoa(lastKey).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The last key a cursor names; `null` for none. Throws `InvalidCursor` for one no list returned. */
export function decodeCursor(op, cursor) {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  const bad = () => new StoreError('InvalidCursor', { op, detail: 'expected a cursor from the previous list call' });
  if (typeof cursor !== 'string' || !cursor.startsWith(CURSOR_TAG)) throw bad();
  try {
    return atob(cursor.slice(CURSOR_TAG.length).replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw bad();
  }
}

/** The smallest string greater than every key starting with `prefix` (keys are ASCII < 0x7f). */
export function prefixEnd(prefix) {
  return `${prefix}\x7f`;
}
