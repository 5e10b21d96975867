// api.js — the gateway's REST API and the login session. Knows HTTP, JSON and RFC 9457
// problem details; knows nothing about the page.

const TOKEN_KEY = 'parley.token';
const EXPIRES_KEY = 'parley.expiresAt';

/** A failed call. `code` is the problem's machine-readable code, `fieldErrors` its `errors`. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || (status ? `Request failed (HTTP ${status})` : 'Request failed'));
    this.status = status;
    this.code = problem?.code ?? null;
    this.fieldErrors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

// sessionStorage, not localStorage: the token lives as long as the tab's session and is
// not shared with other tabs that may belong to someone else at a shared computer.
export const session = {
  get token() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const expiresAt = Number(sessionStorage.getItem(EXPIRES_KEY) || 0);
    return token && (!expiresAt || expiresAt > Date.now()) ? token : null;
  },
  /** Milliseconds until the token expires, or null when the server gave no lifetime. */
  get remainingMs() {
    const expiresAt = Number(sessionStorage.getItem(EXPIRES_KEY) || 0);
    return expiresAt ? expiresAt - Date.now() : null;
  },
  save({ accessToken, expiresIn }) {
    sessionStorage.setItem(TOKEN_KEY, accessToken);
    if (Number(expiresIn) > 0) sessionStorage.setItem(EXPIRES_KEY, String(Date.now() + Number(expiresIn) * 1000));
    else sessionStorage.removeItem(EXPIRES_KEY);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(EXPIRES_KEY);
  },
};

let unauthorizedHandler = () => {};
/** Called whenever an authenticated call comes back 401: the session is over. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

async function request(method, path, body, options) {
  return (await exchange(method, path, body, options)).data;
}

/** The answer with the path of the next page, when a Link header names one (rel="next"). */
async function requestPage(method, path) {
  const { data, response } = await exchange(method, path);
  const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '');
  return { data, next: next ? next[1] : null };
}

async function exchange(method, path, body, { auth = true } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && session.token) headers.Authorization = `Bearer ${session.token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: 'Cannot reach the server. Check your connection and try again.' });
  }
  // Error bodies may be empty (e.g. a bare 401), so a parse failure is not an error in itself.
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && auth) unauthorizedHandler();
    throw new ApiError(response.status, data);
  }
  return { data, response };
}

const enc = encodeURIComponent;
const MAX_MEMBER_PAGES = 10; // the member list shows at most 1,000

export const api = {
  register: ({ email, password, displayName }) =>
    request('POST', '/auth/register', { email, password, displayName: displayName || undefined }, { auth: false }),
  login: ({ email, password }) => request('POST', '/auth/login', { email, password }, { auth: false }),
  me: () => request('GET', '/auth/me'),

  rooms: () => request('GET', '/rooms'),
  discover: (q, limit = 50) => request('GET', `/rooms/discover?${new URLSearchParams({ q, limit })}`),
  room: (roomId) => request('GET', `/rooms/${enc(roomId)}`),
  createRoom: ({ name, description }) => request('POST', '/rooms', { name, description: description || undefined }),
  join: (roomId) => request('POST', `/rooms/${enc(roomId)}/join`),
  leave: (roomId) => request('POST', `/rooms/${enc(roomId)}/leave`),
  /** Every member, page by page (the server pages by user id), up to MAX_MEMBER_PAGES pages. */
  members: async (roomId) => {
    const all = [];
    let path = `/rooms/${enc(roomId)}/members?limit=100`;
    for (let page = 0; path && page < MAX_MEMBER_PAGES; page++) {
      const { data, next } = await requestPage('GET', path);
      all.push(...data);
      path = next;
    }
    return all;
  },
  messages: (roomId, { before, after, limit = 50 } = {}) => {
    const query = new URLSearchParams({ limit });
    if (before) query.set('before', before);
    if (after) query.set('after', after);
    return request('GET', `/rooms/${enc(roomId)}/messages?${query}`);
  },
  markRead: (roomId, lastReadMessageId) => request('POST', `/rooms/${enc(roomId)}/read`, { lastReadMessageId }),
};
