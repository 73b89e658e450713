// The SCIM console's presets: generated from the golden fixtures, complete for each
// lifecycle, and runnable in order (every id a step needs is captured by an earlier step).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { presetsSource, PRESETS_FILE } from '../../../js/browser/tools/presets.mjs';
import { LIFECYCLES as SPEC } from '../../../js/browser/tools/lifecycles.mjs';
import { LIFECYCLES } from '../../../js/browser/presets.js';
import { resolve } from '../../../js/browser/console.js';

const KINDS = ['test credentials', 'create', 'update', 'deactivate', 'reactivate', 'group push',
  'member add', 'member remove', 'rename', 'delete'];
const placeholders = (preset) => [...JSON.stringify([preset.path, preset.body ?? null]).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

test('presets.js is what the generator writes from the fixtures', () => {
  assert.equal(readFileSync(PRESETS_FILE, 'utf8'), presetsSource(),
    'stale: run node js/browser/tools/presets.mjs');
});

test('Okta 2.0, Okta 1.1 and Entra each have every lifecycle step', () => {
  assert.deepEqual(LIFECYCLES.map((l) => l.id), ['okta', 'okta11', 'entra']);
  for (const lc of LIFECYCLES) {
    const kinds = new Set(lc.steps.map((s) => s.step));
    assert.deepEqual(KINDS.filter((k) => !kinds.has(k)), [], `${lc.id} misses steps`);
  }
});

test('every placeholder is captured by an earlier step of the same lifecycle', () => {
  for (const lc of LIFECYCLES) {
    const known = new Set();
    lc.steps.forEach((step, i) => {
      for (const name of placeholders(step)) assert.ok(known.has(name), `${lc.id} step ${i + 1} (${step.label}) uses {{${name}}} before it is created`);
      if (step.capture) known.add(step.capture);
    });
  }
});

test('no fixture id that has a role is left in a request', () => {
  for (const lc of SPEC) {
    const ids = Object.keys({ ...lc.roles, ...Object.assign({}, ...lc.steps.map((s) => s.roles ?? {})) });
    const text = JSON.stringify(LIFECYCLES.find((l) => l.id === lc.id));
    for (const id of ids) assert.ok(!text.includes(id), `${lc.id} still names ${id}`);
  }
});

test('a create preset carries the stored user the later fixtures address', () => {
  const cases = [
    ['okta', 'Create Ada', 'ada.lovelace@example.com', '00u1ab2cd3EF4gh5i6j7'],
    ['okta11', 'Create Grace', 'grace.hopper@example.com', '00b443dd40SOK2eup0h7'],
    ['entra', 'Create Ravi', 'rpatel@contoso.example', 'c8f2e0b4-7a1d-4e63-95b8-1d4c6a2e9f07'],
  ];
  for (const [lc, label, userName, externalId] of cases) {
    const step = LIFECYCLES.find((l) => l.id === lc).steps.find((s) => s.label === label);
    assert.equal(step.method, 'POST');
    assert.equal(step.body.userName, userName);
    assert.equal(step.body.externalId, externalId);
  }
});

test('presets keep the IdP quirks of their fixtures', () => {
  const entra = LIFECYCLES.find((l) => l.id === 'entra');
  const enable = entra.steps.find((s) => s.step === 'reactivate');
  assert.equal(enable.body.Operations[0].value, 'True', 'Entra sends "True" as a string');
  const okta11 = LIFECYCLES.find((l) => l.id === 'okta11');
  const remove = okta11.steps.find((s) => s.step === 'member remove');
  assert.equal(remove.body.members[0].operation, 'delete', 'SCIM 1.1 removes with operation: delete');
  assert.equal(okta11.steps.find((s) => s.step === 'reactivate').body.active, true);
});

test('placeholders resolve from captured ids, and an unknown one is named', () => {
  assert.equal(resolve('/Users/{{ada}}', { ada: 'u-1' }), '/Users/u-1');
  assert.throws(() => resolve('/Groups/{{group}}', {}), /\{\{group\}\} is not known yet/);
});
