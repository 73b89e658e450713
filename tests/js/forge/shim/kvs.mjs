// The Forge KVS service in memory: the HTTP API that @forge/kvs calls through
// `__forge_fetch__({type: 'kvs'}, '/api/v1/…', {method: 'POST', body})`, with Forge's rules.
//
// Rules kept (and where they come from):
// - keys: 1–500 characters of /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/ → 400 KEY_TOO_SHORT, KEY_TOO_LONG,
//   INVALID_KEY (Forge's KVS error table);
// - values: at most 240 KiB as JSON → 400 MAX_SIZE; object depth at most 32 → 400 MAX_DEPTH;
// - get/delete of a missing key → 404 KEY_NOT_FOUND (the SDK turns it into undefined / no-op);
// - set with keyPolicy FAIL_IF_EXISTS on an existing key → 409 KEY_CONFLICT (measured on Forge);
// - query: one `where` on `key`, BEGINS_WITH only, at most 20 a page (the KVS docs' limit; a
//   larger limit is refused, so a host that asks for more fails here, not in production),
//   results in key order, an opaque cursor while more remain;
// - transactions: at most 25 operations (422), no key twice (400 KEY_DUPLICATION_ERROR),
//   all-or-nothing;
// - secrets live apart from plain keys and are never returned by query.
// Entities and batch calls are not modelled: they answer 501, so using them fails loudly.

export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
export const MAX_DEPTH = 32;
export const MAX_QUERY_LIMIT = 20;
export const DEFAULT_QUERY_LIMIT = 10;
export const MAX_TRANSACTION_OPS = 25;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

class KvsError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const badRequest = (code, message) => new KvsError(400, code, message);

function checkKey(key) {
  if (typeof key !== 'string') throw badRequest('BAD_REQUEST', 'Provided request body is invalid');
  if (key.length === 0) throw badRequest('KEY_TOO_SHORT', 'The provided key needs to be more than one character.');
  if (key.length > MAX_KEY_LENGTH) throw badRequest('KEY_TOO_LONG', 'The provided key has exceeded the maximum 500 characters.');
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('INVALID_KEY', 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/');
  }
}

function depth(value) {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const v of Object.values(value)) deepest = Math.max(deepest, depth(v));
  return deepest + 1;
}

function checkValue(value) {
  if (value === undefined) throw badRequest('BAD_REQUEST', 'Provided request body is invalid');
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_VALUE_BYTES) {
    throw badRequest('MAX_SIZE', 'The provided value has exceeded the maximum size limit.');
  }
  if (depth(value) > MAX_DEPTH) throw badRequest('MAX_DEPTH', 'The provided value has exceeded the maximum object depth (32) limit.');
}

const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

function ttlMs(options) {
  const ttl = options?.ttl;
  if (ttl === undefined) return undefined;
  if (!Number.isInteger(ttl.value) || ttl.value <= 0) {
    throw badRequest('INVALID_TTL', `TTL value must be a positive integer, received: ${ttl.value}`);
  }
  const unit = TTL_UNIT_MS[ttl.unit];
  if (!unit) throw badRequest('INVALID_TTL', `TTL unit must be one of ${Object.keys(TTL_UNIT_MS).join(', ')}`);
  return ttl.value * unit;
}

const encodeCursor = (key) => Buffer.from(JSON.stringify({ after: key })).toString('base64url');

function decodeCursor(cursor) {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof after === 'string') return after;
  } catch {
    // fall through
  }
  throw badRequest('INVALID_CURSOR', 'The provided cursor is invalid');
}

/** One store of entries: plain keys or secrets. */
class Table {
  constructor(now) {
    this.now = now;
    this.entries = new Map();
  }

  live(key) {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  write(key, value, options) {
    const at = this.now();
    const ttl = ttlMs(options);
    const previous = this.live(key);
    const entry = {
      value: structuredClone(value),
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
      expiresAt: ttl === undefined ? undefined : at + ttl,
    };
    this.entries.set(key, entry);
    return { previous, entry };
  }

  sortedKeys(prefix) {
    return [...this.entries.keys()].filter((k) => k.startsWith(prefix) && this.live(k)).sort();
  }
}

function view(key, entry, fields) {
  const out = { key, value: structuredClone(entry.value) };
  if (!fields) return out;
  if (fields.includes('CREATED_AT')) out.createdAt = entry.createdAt;
  if (fields.includes('UPDATED_AT')) out.updatedAt = entry.updatedAt;
  if (fields.includes('EXPIRE_TIME') && entry.expiresAt !== undefined) out.expireTime = new Date(entry.expiresAt).toISOString();
  return out;
}

/**
 * @param {{now?: () => number}} options
 * @returns {{handle(path: string, body: object): {status: number, body?: object},
 *   dump(): object, keys(): string[]}}
 */
export function createKvs({ now = Date.now } = {}) {
  const plain = new Table(now);
  const secrets = new Table(now);

  function get(table, { key, options }) {
    checkKey(key);
    const entry = table.live(key);
    if (!entry) throw new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    return { status: 200, body: view(key, entry, options?.metadataFields ?? ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']) };
  }

  function set(table, { key, value, options }) {
    checkKey(key);
    checkValue(value);
    const policy = options?.keyPolicy ?? 'OVERRIDE';
    if (policy !== 'OVERRIDE' && policy !== 'FAIL_IF_EXISTS') throw badRequest('BAD_REQUEST', `Unknown keyPolicy ${policy}`);
    if (options?.returnValue !== undefined && policy !== 'OVERRIDE') {
      throw badRequest('BAD_REQUEST', 'returnValue requires keyPolicy OVERRIDE');
    }
    if (policy === 'FAIL_IF_EXISTS' && table.live(key)) {
      throw new KvsError(409, 'KEY_CONFLICT', 'Provided key already exists and cannot be overwritten');
    }
    const { previous, entry } = table.write(key, value, options);
    if (options?.returnValue === undefined) return { status: 204 };
    const shown = options.returnValue === 'PREVIOUS' ? previous : entry;
    if (!shown) return { status: 204 };
    return { status: 200, body: view(key, shown, ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']) };
  }

  function remove(table, { key }) {
    checkKey(key);
    if (!table.live(key)) throw new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    table.entries.delete(key);
    return { status: 204 };
  }

  function query({ limit, after, where, options }) {
    const size = limit ?? DEFAULT_QUERY_LIMIT;
    if (!Number.isInteger(size) || size < 1 || size > MAX_QUERY_LIMIT) {
      throw badRequest('LIST_QUERY_LIMIT_EXCEEDED', `Limit for list query should be between 1 and ${MAX_QUERY_LIMIT}.`);
    }
    let prefix = '';
    if (where !== undefined) {
      if (!Array.isArray(where) || where.length !== 1) throw badRequest('QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
      const [clause] = where;
      if (clause.property !== 'key') throw badRequest('QUERY_WHERE_FIELD_INVALID', 'The specified field is not supported for filters.');
      if (clause.condition !== 'BEGINS_WITH') throw badRequest('INVALID_FILTER_CONDITION', 'The specified condition is not supported for filters.');
      if (!Array.isArray(clause.values) || clause.values.length !== 1) {
        throw badRequest('INVALID_FILTER_VALUES', 'The specified number of values are not supported by the given condition.');
      }
      prefix = String(clause.values[0]);
    }
    const start = after === undefined ? undefined : decodeCursor(after);
    const keys = plain.sortedKeys(prefix).filter((k) => start === undefined || k > start);
    const page = keys.slice(0, size);
    const data = page.map((k) => view(k, plain.live(k), options?.metadataFields));
    const body = { data };
    if (keys.length > size) body.cursor = encodeCursor(page[page.length - 1]);
    return { status: 200, body };
  }

  function transact({ set: sets = [], delete: deletes = [], check: checks = [] }) {
    const ops = [...sets, ...deletes, ...checks];
    if (ops.length === 0) throw badRequest('BAD_REQUEST', 'Provided request body is invalid');
    if (ops.length > MAX_TRANSACTION_OPS) {
      throw new KvsError(422, 'UNPROCESSABLE_ENTITY', 'Request cannot be processed due to one or more semantic errors');
    }
    const seen = new Set();
    for (const op of ops) {
      if (op.entityName !== undefined) throw new KvsError(501, 'NOT_MODELLED', 'custom entities are not modelled by the test runtime');
      checkKey(op.key);
      if (seen.has(op.key)) throw badRequest('KEY_DUPLICATION_ERROR', 'Duplicate key found in request');
      seen.add(op.key);
    }
    for (const op of sets) {
      checkValue(op.value);
      ttlMs(op.options);
      if (op.options?.keyPolicy === 'FAIL_IF_EXISTS' && plain.live(op.key)) {
        throw badRequest('CONDITIONAL_CHECK_FAILED', 'Request failed due to conditional check specified or optimistic locking');
      }
    }
    // Every check passed: apply all of it, so nothing is half-written.
    for (const op of sets) plain.write(op.key, op.value, op.options);
    for (const op of deletes) plain.entries.delete(op.key);
    return { status: 204 };
  }

  const ROUTES = {
    '/api/v1/get': (b) => get(plain, b),
    '/api/v1/set': (b) => set(plain, b),
    '/api/v1/delete': (b) => remove(plain, b),
    '/api/v1/query': query,
    '/api/v1/transaction': transact,
    '/api/v1/secret/get': (b) => get(secrets, b),
    '/api/v1/secret/set': (b) => set(secrets, b),
    '/api/v1/secret/delete': (b) => remove(secrets, b),
  };

  return {
    /** Answers one KVS API call: {status, body?}; errors in Forge's {code, message} shape. */
    handle(path, body) {
      const route = ROUTES[path];
      if (!route) {
        return { status: 501, body: { code: 'NOT_MODELLED', message: `${path} is not modelled by the test runtime` } };
      }
      try {
        return route(body ?? {});
      } catch (err) {
        if (!(err instanceof KvsError)) throw err;
        return { status: err.status, body: { code: err.code, message: err.message } };
      }
    },
    /** Plain keys in key order (for assertions). */
    keys: (prefix = '') => plain.sortedKeys(prefix),
    /** Plain value by key (for assertions), or undefined. */
    peek: (key) => structuredClone(plain.live(key)?.value),
    /** Secret names (for assertions that secrets stay apart). */
    secretNames: () => secrets.sortedKeys(''),
  };
}
