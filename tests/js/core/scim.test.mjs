// The pure SCIM exports of the built WASM package: values in, values out, SCIM errors as
// JS Errors carrying status, scimType and the RFC 7644 body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, parseFilter, applyPatch, validateResource, listResources } from '../../../js/core/index.mjs';

await load();

const user = (id, userName, extra = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id, userName, active: true, ...extra,
});

test('parseFilter returns canonical text that parses to itself', () => {
  for (const [input, canonical] of [
    ['userName EQ "bjensen"', 'userName eq "bjensen"'],
    ['title pr and (userType eq "Employee" or userType eq "Intern")', 'title pr and (userType eq "Employee" or userType eq "Intern")'],
    ['emails[type eq "work" and value co "@example.com"]', 'emails[type eq "work" and value co "@example.com"]'],
  ]) {
    assert.equal(parseFilter(input), canonical);
    assert.equal(parseFilter(canonical), canonical);
  }
});

test('a bad filter throws invalidFilter with a 400 SCIM body', () => {
  assert.throws(() => parseFilter('userName eq'), (e) => {
    assert.equal(e.status, 400);
    assert.equal(e.scimType, 'invalidFilter');
    assert.equal(JSON.parse(e.body).scimType, 'invalidFilter');
    return true;
  });
});

test('applyPatch handles Entra string booleans', () => {
  const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] };
  const resource = JSON.parse(applyPatch(JSON.stringify(user('1', 'a@x.com')), JSON.stringify(patch), 'User'));
  assert.equal(resource.active, false);
  assert.equal(resource.userName, 'a@x.com');
});

test('validateResource refuses a user without userName', () => {
  assert.throws(() => validateResource(JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] }), 'User'),
    (e) => e.status === 400 && e.scimType === 'invalidValue');
  const ok = JSON.parse(validateResource(JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], USERNAME: 'b' }), 'User'));
  assert.equal(ok.userName, 'b');
});

test('listResources filters, pages and counts', () => {
  const users = Array.from({ length: 30 }, (_, i) => user(`u${i}`, `user${i}@example.${i % 3 ? 'com' : 'org'}`));
  const list = JSON.parse(listResources(JSON.stringify(users), `filter=${encodeURIComponent('userName ew "example.org"')}&count=4&startIndex=2`, 'User'));
  assert.equal(list.totalResults, 10);
  assert.equal(list.startIndex, 2);
  assert.deepEqual(list.Resources.map((r) => r.id), ['u3', 'u6', 'u9', 'u12']);
});
