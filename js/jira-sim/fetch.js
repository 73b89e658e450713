// A WHATWG fetch over the simulator, for the browser harness and for tests: returns a real
// Response; a dropped connection rejects with TypeError('fetch failed'), as Node's fetch does.
import { DroppedConnection } from './http.js';

const NULL_BODY = new Set([101, 204, 205, 304]);

async function bodyText(body) {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return new TextDecoder().decode(body);
  if (typeof Blob !== 'undefined' && body instanceof Blob) return body.text();
  return new Response(body).text();
}

/** @param {{handle: Function}} sim @returns {(input: string|URL|Request, init?: RequestInit) => Promise<Response>} */
export function makeFetch(sim) {
  return async function simFetch(input, init = {}) {
    const request = typeof Request !== 'undefined' && input instanceof Request ? input : null;
    const url = request ? request.url : String(input);
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = new Headers(request?.headers);
    for (const [k, v] of new Headers(init.headers ?? {})) headers.set(k, v);
    let body = await bodyText(init.body);
    if (body === undefined && request && request.body) body = await request.text();
    if (init.body instanceof URLSearchParams && !headers.has('content-type')) {
      headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    }
    const signal = init.signal ?? request?.signal;
    if (signal?.aborted) throw signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
    let res;
    try {
      res = await sim.handle({ method, url, headers, body, signal });
    } catch (err) {
      if (err instanceof DroppedConnection) {
        const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
        throw new TypeError('fetch failed', { cause });
      }
      throw err;
    }
    const noBody = NULL_BODY.has(res.status) || method === 'HEAD';
    return new Response(noBody ? null : res.body, { status: res.status, headers: res.headers });
  };
}
