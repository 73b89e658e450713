import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSim, call, IDS } from './helpers.mjs';
import { DroppedConnection } from '../../../js/jira-sim/index.js';

async function statuses(sim, n, path = '/rest/api/3/myself') {
  const out = [];
  for (let i = 0; i < n; i += 1) {
    try {
      out.push((await call(sim, 'GET', path)).status);
    } catch (err) {
      assert.ok(err instanceof DroppedConnection);
      out.push('drop');
    }
  }
  return out;
}

const MIX = { rules: [{ p429: 0.2, p500: 0.1, p503: 0.1, pDrop: 0.1 }] };

test('faults are deterministic for a seed', async () => {
  const a = await statuses(newSim({ faults: { seed: 7, ...MIX } }), 60);
  const b = await statuses(newSim({ faults: { seed: 7, ...MIX } }), 60);
  const c = await statuses(newSim({ faults: { seed: 8, ...MIX } }), 60);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.includes(200) && a.includes(429) && a.includes(500) && a.includes(503) && a.includes('drop'));
});

test('fault shares come out near their probabilities', async () => {
  const s = await statuses(newSim({ faults: { seed: 3, rules: [{ p500: 0.25, p503: 0.25 }] } }), 400);
  const count = (x) => s.filter((v) => v === x).length;
  for (const code of [500, 503]) assert.ok(count(code) > 70 && count(code) < 130, `${code}: ${count(code)}`);
  assert.ok(count(200) > 150 && count(200) < 250);
});

test('injected 429 and 503 carry Retry-After; 429 the rate-limit headers too', async () => {
  const sim = newSim({ faults: { script: [{ kind: '429', retryAfterS: 7 }, { kind: '503' }] } });
  const r429 = await call(sim, 'GET', '/rest/api/3/myself');
  assert.equal(r429.status, 429);
  assert.equal(r429.headers['retry-after'], '7');
  assert.equal(r429.headers['ratelimit-reason'], 'jira-burst-based');
  assert.ok(r429.headers['x-ratelimit-reset']);
  const r503 = await call(sim, 'GET', '/rest/api/3/myself');
  assert.equal(r503.status, 503);
  assert.equal(r503.headers['retry-after'], '1');
  assert.ok(Array.isArray(r503.json.errorMessages));
  assert.equal((await call(sim, 'GET', '/rest/api/3/myself')).status, 200, 'script steps are one-shot');
});

test('rules can target one endpoint or one endpoint class', async () => {
  const sim = newSim({ faults: { rules: [{ match: 'POST /rest/api/3/user', p503: 1 }, { match: 'groups-write', p500: 1 }] } });
  assert.equal((await call(sim, 'POST', '/rest/api/3/user', { body: { emailAddress: 'f@example.com', products: [] } })).status, 503);
  assert.equal((await call(sim, 'POST', '/rest/api/3/group', { body: { name: 'g' } })).status, 500);
  assert.equal((await call(sim, 'GET', '/rest/api/3/myself')).status, 200);
  assert.equal(sim.state.userByEmail('f@example.com'), undefined, 'a 5xx before processing changes nothing');
});

test('drop loses the request; drop-after applies it and loses the answer', async () => {
  const sim = newSim({ faults: { script: [{ kind: 'drop' }, { kind: 'drop-after' }] } });
  const create = { body: { emailAddress: 'lost@example.com', products: [] } };
  await assert.rejects(call(sim, 'POST', '/rest/api/3/user', create), (e) => e instanceof DroppedConnection && e.when === 'before');
  assert.equal(sim.state.userByEmail('lost@example.com'), undefined);
  await assert.rejects(call(sim, 'POST', '/rest/api/3/user', create), (e) => e instanceof DroppedConnection && e.when === 'after');
  assert.ok(sim.state.userByEmail('lost@example.com'), 'applied although the caller never heard');
  const log = sim.requests().requests;
  assert.deepEqual(log.map((e) => [e.status, e.fault]), [['dropped', 'drop'], ['dropped', 'drop-after']]);
  assert.equal(log[1].appliedStatus, 201);
});

test('added latency is awaited on the injected clock', async () => {
  const sim = newSim({ faults: { seed: 1, rules: [{ match: 'users-read', latencyMs: [100, 200] }] } });
  const t0 = sim.clock.now();
  await call(sim, 'GET', `/rest/api/3/user?accountId=${IDS.bob}`);
  const waited = sim.clock.now() - t0;
  assert.ok(waited >= 100 && waited <= 200, String(waited));
  assert.equal(sim.requests().requests[0].latencyMs, waited);
  const t1 = sim.clock.now();
  await call(sim, 'GET', '/rest/api/3/group/bulk');
  assert.equal(sim.clock.now(), t1, 'other classes are not slowed');
  const fixed = newSim({ faults: { script: [{ kind: 'latency', ms: 1500 }] } });
  const t2 = fixed.clock.now();
  assert.equal((await call(fixed, 'GET', '/rest/api/3/myself')).status, 200);
  assert.equal(fixed.clock.now() - t2, 1500);
});

test('a bad fault kind is refused, and the old config stays', async () => {
  const sim = newSim();
  assert.throws(() => sim.config({ faults: { script: [{ kind: 'explode' }] } }), /unknown fault kind/);
  const r = await call(sim, 'POST', '/__sim/config', { body: { faults: { script: [{ kind: 'explode' }] } } });
  assert.equal(r.status, 400);
  assert.equal((await call(sim, 'GET', '/rest/api/3/myself')).status, 200);
});
