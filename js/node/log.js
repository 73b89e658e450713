// The host's log: one line per event on stderr, as text for people (default) or JSON lines
// (USERSYNC_LOG_FORMAT=json) for collectors. Events are objects; keys that could hold a
// secret are dropped here, whatever wrote them.
const SECRET_KEYS = /^(authorization|token|secret|password|apitoken|apikey|orgkey|cookie|body)$/i;
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * @param {{format?: 'text'|'json', level?: string, write?: (line: string) => void}} [options]
 * @returns {(level: string, event: object) => void}
 */
export function createLogger({ format = 'text', level = 'info', write = (l) => process.stderr.write(l) } = {}) {
  const min = LEVELS[level] ?? LEVELS.info;
  return (lvl, event) => {
    if ((LEVELS[lvl] ?? LEVELS.info) < min) return;
    const clean = scrub(event);
    if (format === 'json') {
      write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, ...clean })}\n`);
      return;
    }
    const { event: name = 'event', msg, ...rest } = clean;
    const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`);
    write(`${lvl.padEnd(5)} ${name}${msg ? ` ${msg}` : ''}${fields.length ? ` ${fields.join(' ')}` : ''}\n`);
  };
}

function scrub(event) {
  if (!event || typeof event !== 'object') return { msg: String(event) };
  return Object.fromEntries(Object.entries(event).filter(([k]) => !SECRET_KEYS.test(k)));
}
