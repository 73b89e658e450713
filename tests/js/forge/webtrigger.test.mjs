// Forge's web trigger request ⇄ the core's envelope (js/forge/webtrigger.js): pure mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { licenceInactive, queryString, scimPath, toCoreRequest, toForgeResponse } from '../../../js/forge/webtrigger.js';

test('the SCIM path: userPath (urlFormat v2), else the path after the trigger id', () => {
  const rows = [
    [{ path: '/public/abc/Users', userPath: '/Users' }, '/Users'],
    [{ path: '/public/abc/c1/v2/Groups/g-1', userPath: '/c1/v2/Groups/g-1' }, '/c1/v2/Groups/g-1'],
    [{ path: '/public/abc', userPath: '' }, '/'],
    [{ path: '/x1/XUBR5WnG2Hk2V52APDdGaRSDm/Users' }, '/Users'],
    [{ path: '/public/abc/ServiceProviderConfig' }, '/ServiceProviderConfig'],
    [{ path: '/x1/abc' }, '/'],
  ];
  for (const [request, expected] of rows) assert.equal(scimPath(request), expected, JSON.stringify(request));
});

test('queryParameters back to a query string: percent-encoded, repeated keys kept, no + for spaces', () => {
  assert.equal(queryString({ filter: ['userName eq "a+b c@x.com"'], startIndex: ['1'] }), 'filter=userName%20eq%20%22a%2Bb%20c%40x.com%22&startIndex=1');
  assert.equal(queryString({ attributes: ['userName', 'emails'] }), 'attributes=userName&attributes=emails');
  assert.equal(queryString(undefined), '');
});

test('the envelope: method, path, query, header pairs, body (null when empty), base URL, budget', () => {
  const envelope = toCoreRequest({
    method: 'patch', path: '/public/abc/Users/u1', userPath: '/Users/u1',
    headers: { Authorization: ['Bearer t'], 'Content-Type': ['application/scim+json'], Accept: ['a', 'b'] },
    queryParameters: {}, body: '{"Operations":[]}',
  }, { baseUrl: 'https://i.webtrigger.atlassian.app/public/abc', drainBudgetMs: 10_000 });
  assert.deepEqual(envelope, {
    method: 'PATCH', path: '/Users/u1', query: '',
    headers: [['authorization', 'Bearer t'], ['content-type', 'application/scim+json'], ['accept', 'a'], ['accept', 'b']],
    body: '{"Operations":[]}', baseUrl: 'https://i.webtrigger.atlassian.app/public/abc', drainBudgetMs: 10_000,
    licensed: true,
  });
  assert.equal(toCoreRequest({ method: 'GET', path: '/x1/a', body: '' }, {}).body, null);
  // The licence is the core's to act on: the host only passes whether it is active.
  assert.equal(toCoreRequest({ method: 'GET', path: '/x1/a' }, { licensed: false }).licensed, false);
});

test('the response: headers (pairs or an object) as Forge\'s {name: [values]}', () => {
  assert.deepEqual(
    toForgeResponse({ status: 201, headers: [['content-type', 'application/scim+json'], ['location', 'https://x/Users/1'], ['vary', 'a'], ['vary', 'b']], body: '{}' }),
    { statusCode: 201, headers: { 'content-type': ['application/scim+json'], location: ['https://x/Users/1'], vary: ['a', 'b'] }, body: '{}' },
  );
  assert.deepEqual(toForgeResponse({ status: 204 }), { statusCode: 204, headers: {}, body: '' });
  assert.deepEqual(
    toForgeResponse({ status: 200, headers: { 'Content-Type': 'application/scim+json', ETag: 'W/"3"' }, body: '{}' }),
    { statusCode: 200, headers: { 'Content-Type': ['application/scim+json'], ETag: ['W/"3"'] }, body: '{}' },
    'the core answers with a header object',
  );
});

test('licence: only a present, inactive licence stops SCIM (free, dev and staging installs have none)', () => {
  assert.equal(licenceInactive({}), false);
  assert.equal(licenceInactive({ license: undefined }), false);
  assert.equal(licenceInactive({ license: { isActive: true } }), false);
  assert.equal(licenceInactive({ license: { isActive: false } }), true);
  assert.equal(licenceInactive({ license: {} }), true);
});
