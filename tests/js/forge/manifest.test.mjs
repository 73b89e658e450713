// manifest.yml through Atlassian's own validator (@forge/manifest, the check `forge lint` and
// `forge deploy` run), offline; and broken copies of it, so the check is seen to fail.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import manifestTools from '@forge/manifest';
import { buildForge, root } from '../../../js/forge/build.mjs';

const MANIFEST = path.join(root, 'manifest.yml');
const text = readFileSync(MANIFEST, 'utf8');

before(async () => {
  await buildForge({ parts: ['admin-page'] }); // the Custom UI resource must exist
});

/** Full validation of `yaml`, written next to links to the real src/ and target/. */
async function validateCopy(yaml) {
  const dir = mkdtempSync(path.join(tmpdir(), 'usersync-manifest-'));
  try {
    symlinkSync(path.join(root, 'src'), path.join(dir, 'src'));
    symlinkSync(path.join(root, 'target'), path.join(dir, 'target'));
    writeFileSync(path.join(dir, 'manifest.yml'), yaml);
    return await manifestTools.validate(false, path.join(dir, 'manifest.yml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const messages = (result) => (result.errors ?? []).map((e) => `${e.level}: ${e.message}`);

test('manifest.yml passes full validation with no errors and no warnings', async () => {
  const result = await manifestTools.validate(false, MANIFEST);
  assert.deepEqual(messages(result), []);
  assert.equal(result.success, true);
});

test('a copy passes too (so the broken copies below fail for their defect alone)', async () => {
  assert.deepEqual(messages(await validateCopy(text)), []);
});

test('broken copies fail, each for its defect', async (t) => {
  const rows = [
    ['web trigger names an undeclared function', ['function: scim-fn\n      urlFormat', 'function: missing-fn\n      urlFormat'], /missing-fn/],
    ['a scope Forge does not know', ['    - storage:app\n', '    - storage:app\n    - write:everything\n'], /write:everything/],
    ['a runtime Forge does not offer', ['name: nodejs22.x', 'name: nodejs16.x'], /nodejs16\.x|runtime/i],
    ['a handler file that does not exist', ['handler: index.scim', 'handler: missing.scim'], /missing/],
    ['a URL format that does not exist', ['urlFormat: v2', 'urlFormat: v3'], /urlFormat|v3|allowed values/i],
    ['a queue name with a slash', ['queue: usersync-outbox', 'queue: usersync/outbox'], /queue|pattern/i],
  ];
  for (const [name, [from, to], expected] of rows) {
    await t.test(name, async () => {
      assert.ok(text.includes(from), `manifest.yml no longer contains ${JSON.stringify(from)}`);
      const result = await validateCopy(text.replace(from, to));
      const errors = messages(result).filter((m) => m.startsWith('error'));
      assert.equal(result.success, false, `expected a failure for: ${name}`);
      assert.ok(errors.some((m) => expected.test(m)), `no error matching ${expected}:\n${errors.join('\n')}`);
    });
  }
});

test('the manifest and the code agree: handlers exported, queue and trigger keys the code uses', async () => {
  const { typedContent: manifest } = (await manifestTools.validate(true, MANIFEST)).manifestObject;
  const handlers = await import('../../../js/forge/index.js');
  for (const fn of manifest.modules.function) {
    const [file, name] = fn.handler.split('.');
    assert.equal(file, 'index', `${fn.key}: Forge resolves ${fn.handler} to src/${file}.js`);
    assert.equal(typeof handlers[name], 'function', `${fn.handler} is not exported by js/forge/index.js`);
  }
  const { OUTBOX_QUEUE } = await import('../../../js/forge/queue.js');
  const { SCIM_TRIGGER } = await import('../../../js/forge/scim.js');
  assert.deepEqual(manifest.modules.consumer.map((c) => c.queue), [OUTBOX_QUEUE]);
  assert.deepEqual(manifest.modules.webtrigger.map((w) => [w.key, w.urlFormat, w.response.type]), [[SCIM_TRIGGER, 'v2', 'dynamic']]);
  assert.equal(readFileSync(path.join(root, 'src', 'index.js'), 'utf8').trim(), "export * from '../js/forge/index.js';");
});
