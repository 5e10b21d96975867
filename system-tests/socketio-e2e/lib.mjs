// lib.mjs — what both scripts share: the gateway's REST API, as a client application uses it.

import { randomUUID } from 'node:crypto';

export const PASSWORD = 'correct-horse-battery-staple'; // 8..100 characters
const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;

export function restClient(baseUrl, timeoutMs) {
  async function call(method, path, token, body) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new Error(`${method} ${path} failed: ${error.cause?.message ?? error.message}`);
    }
    const raw = await response.text();
    let json;
    try {
      json = raw ? JSON.parse(raw) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, body: json, raw };
  }

  async function expectStatus(expected, method, path, token, body) {
    const r = await call(method, path, token, body);
    if (r.status !== expected) throw new Error(`${method} ${path}: expected HTTP ${expected}, got ${r.status}: ${r.raw.slice(0, 300)}`);
    return r.body;
  }

  return {
    call,
    /** Registers a user with a unique e-mail and logs in: `{id, email, name, token}`. */
    async user(name) {
      const email = `${name.toLowerCase()}.${stamp}.${randomUUID().slice(0, 8)}@example.com`;
      const registered = await expectStatus(201, 'POST', '/auth/register', null, { email, password: PASSWORD, displayName: name });
      const login = await expectStatus(200, 'POST', '/auth/login', null, { email, password: PASSWORD });
      if (typeof login?.accessToken !== 'string') throw new Error(`POST /auth/login gave no accessToken: ${JSON.stringify(login)}`);
      return { id: registered.id, email, name, token: login.accessToken };
    },
    /** Creates a room (its creator is a member) and returns its id. */
    async room(owner, name) {
      const room = await expectStatus(201, 'POST', '/rooms', owner.token, { name: `${name}-${stamp}` });
      return room.id;
    },
    async join(user, roomId) {
      await expectStatus(200, 'POST', `/rooms/${roomId}/join`, user.token);
    },
    async history(user, roomId) {
      return expectStatus(200, 'GET', `/rooms/${roomId}/messages?limit=100`, user.token);
    },
    async members(user, roomId) {
      return expectStatus(200, 'GET', `/rooms/${roomId}/members`, user.token);
    },
  };
}
