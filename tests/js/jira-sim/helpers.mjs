// Shared by the jira-sim tests: a simulator on a manual clock and a one-line request helper.
import { createJiraSim, manualClock } from '../../../js/jira-sim/index.js';

export const basic = (email, token) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
export const ADMIN = basic('admin@example.com', 'sim-api-token');
export const ALICE = basic('alice@example.com', 'alice-api-token'); // a site user, not an admin
export const ORG_KEY = 'Bearer sim-org-key';
export const ORG_KEY_READONLY = 'Bearer sim-org-key-readonly';
export const BASE = 'https://sim.example';

export const IDS = {
  admin: '5b10ac8d82e05b22cc7d4e01',
  alice: '5b10ac8d82e05b22cc7d4e02',
  bob: '5b10ac8d82e05b22cc7d4e03',
  dana: '5b10ac8d82e05b22cc7d4e04', // suspended in the seed
  carol: 'qm:0f6b2c1e-3a5d-4b7e-9c8f-1a2b3c4d5e6f:7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f01', // JSM customer
};

export function newSim(options = {}) {
  return createJiraSim({ clock: manualClock(), baseUrl: BASE, ...options });
}

/**
 * One request through sim.handle. `body` objects are sent as JSON with a JSON content type.
 * @returns {Promise<{status, headers, json, text}>}
 */
export async function call(sim, method, path, { auth = ADMIN, body, headers = {} } = {}) {
  const h = { ...headers };
  if (auth) h.authorization = auth;
  let text;
  if (body !== undefined) {
    text = typeof body === 'string' ? body : JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
  }
  const res = await sim.handle({ method, url: path, headers: h, body: text });
  let json;
  try { json = res.body ? JSON.parse(res.body) : undefined; } catch { json = undefined; }
  return { status: res.status, headers: res.headers, json, text: res.body };
}

export const groupId = (sim, name) => sim.state.groupByName(name).groupId;
export const userOf = (sim, email) => sim.snapshot().users.find((u) => u.emailAddress === email);
