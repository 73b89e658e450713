import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const cargoVersion = readFileSync(new URL('../../../Cargo.toml', import.meta.url), 'utf8')
  .match(/^version = "([^"]+)"/m)[1];

test('the ESM build loads once and answers', async () => {
  const core = await import('../../../js/core/index.mjs');
  await Promise.all([core.load(), core.load()]);
  assert.equal(core.version(), cargoVersion);
});

test('the inlined-bytes build instantiates on import, with no file access', async () => {
  const inline = await import('../../../pkg/inline/usersync.js');
  assert.equal(inline.version(), cargoVersion);
});
