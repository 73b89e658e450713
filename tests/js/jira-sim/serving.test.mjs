// The three ways of serving the simulator: node:http (standalone and mounted under a prefix),
// a WHATWG fetch function, and the `usersync jira-sim` command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { createJiraSim, listen, manualClock } from '../../../js/jira-sim/index.js';
import { ADMIN } from './helpers.mjs';

const CLI = fileURLToPath(new URL('../../../js/cli/usersync.mjs', import.meta.url));
const auth = { authorization: ADMIN };

test('node:http server: answers Jira requests, self links use the Host it was called on', async () => {
  const { server, url } = await listen({ port: 0, sim: createJiraSim() });
  try {
    const r = await fetch(`${url}/rest/api/3/myself`, { headers: auth });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    const me = await r.json();
    assert.ok(me.self.startsWith(`${url}/rest/api/3/user?accountId=`));
    const created = await fetch(`${url}/rest/api/3/group`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'via-http' }),
    });
    assert.equal(created.status, 201);
    const state = await (await fetch(`${url}/__sim/state`)).json();
    assert.ok(state.groups.some((g) => g.name === 'via-http'));
  } finally {
    server.close();
  }
});

test('node:http server: a dropped connection is a socket closed without an answer', async () => {
  const sim = createJiraSim({ faults: { script: [{ kind: 'drop' }] } });
  const { server, url } = await listen({ port: 0, sim });
  try {
    await assert.rejects(fetch(`${url}/rest/api/3/myself`, { headers: auth }), (e) => e instanceof TypeError && e.message === 'fetch failed');
    assert.equal((await fetch(`${url}/rest/api/3/myself`, { headers: auth })).status, 200);
  } finally {
    server.close();
  }
});

test('mount(prefix): in-process under /jira-sim, other paths left to the host', async () => {
  const sim = createJiraSim();
  const jira = sim.mount('/jira-sim');
  const server = http.createServer(async (req, res) => {
    if (await jira(req, res)) return;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('host');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    const r = await fetch(`${origin}/jira-sim/rest/api/3/group/bulk?maxResults=1`, { headers: auth });
    assert.equal(r.status, 200);
    const page = await r.json();
    assert.ok(page.self.startsWith(`${origin}/jira-sim/rest/api/3/group/bulk`));
    assert.ok(page.nextPage.startsWith(`${origin}/jira-sim/`));
    assert.equal(await (await fetch(`${origin}/scim/v2/Users`)).text(), 'host');
    assert.equal(await (await fetch(`${origin}/jira-simulator`)).text(), 'host', 'prefix must end at a segment');
    assert.equal((await fetch(`${origin}/jira-sim/__sim/state`)).status, 200);
  } finally {
    server.close();
  }
});

test('sim.fetch: a real Response; dropped connections reject like fetch does', async () => {
  const sim = createJiraSim({ clock: manualClock(), faults: { script: [{ match: 'DELETE /rest/api/3/group', kind: 'drop-after' }] } });
  const r = await sim.fetch('https://site.example/rest/api/3/myself', { headers: auth });
  assert.ok(r instanceof Response);
  assert.equal(r.status, 200);
  assert.equal((await r.json()).self.split('/rest/')[0], 'https://site.example');

  const req = new Request('https://site.example/rest/api/3/group', {
    method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'from-request' }),
  });
  const created = await sim.fetch(req);
  assert.equal(created.status, 201);
  const { groupId } = await created.json();

  const gone = sim.fetch(`https://site.example/rest/api/3/group?groupId=${groupId}`, { method: 'DELETE', headers: auth });
  await assert.rejects(gone, (e) => e instanceof TypeError && e.message === 'fetch failed' && e.cause.code === 'UND_ERR_SOCKET');
  assert.equal(sim.state.groups.get(groupId), undefined, 'drop-after: the delete happened');

  const none = await sim.fetch(`https://site.example/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4e03`, { method: 'DELETE', headers: auth });
  assert.equal(none.status, 204);
  assert.equal(none.body, null);
});

test('sim.fetch honours an aborted signal during added latency', async () => {
  const sim = createJiraSim({ faults: { script: [{ kind: 'latency', ms: 5000 }] } });
  const ac = new AbortController();
  const p = sim.fetch('https://site.example/rest/api/3/myself', { headers: auth, signal: ac.signal });
  ac.abort();
  await assert.rejects(p, (e) => e.name === 'AbortError');
});

function runCli(args) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  return { child, out: () => out, err: () => err };
}

test('usersync jira-sim --port 0 serves standalone until terminated', { timeout: 15000 }, async () => {
  const cli = runCli(['jira-sim', '--port', '0']);
  try {
    while (!cli.out().includes('\n')) await once(cli.child.stdout, 'data');
    const url = /listening on (\S+)/.exec(cli.out())[1];
    const r = await fetch(`${url}/rest/servicedeskapi/servicedesk`, { headers: auth });
    assert.equal(r.status, 200);
    assert.ok((await r.json()).values.some((d) => d.projectName === 'Demo service project'));
  } finally {
    cli.child.kill('SIGTERM');
  }
  const [code] = await once(cli.child, 'exit');
  assert.equal(code, 0);
});

test('usersync with an unknown command: one error line, exit 2', { timeout: 15000 }, async () => {
  const cli = runCli(['no-such-command']);
  const [code] = await once(cli.child, 'exit');
  assert.equal(code, 2);
  assert.equal(cli.err().trim().split('\n').length, 1);
  assert.match(cli.err(), /unknown command 'no-such-command'/);
  const bad = runCli(['jira-sim', '--port', 'x']);
  assert.equal((await once(bad.child, 'exit'))[0], 1);
  assert.match(bad.err(), /--port/);
});
