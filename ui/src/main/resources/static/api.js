// api.js — the gateway's REST API and the login session: access and refresh tokens, renewed
// one refresh at a time. Knows HTTP, JSON and RFC 9457 problem details; knows nothing about the page.

const TOKEN_KEY = 'parley.token';
const EXPIRES_KEY = 'parley.expiresAt';
const ISSUED_KEY = 'parley.issuedAt';
const REFRESH_KEY = 'parley.refreshToken';
const REFRESH_EXPIRES_KEY = 'parley.refreshExpiresAt';

/** A failed call. `code` is the problem's machine-readable code, `fieldErrors` its `errors`. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter = null) {
    super(problem?.detail || problem?.title || (status ? `Request failed (HTTP ${status})` : 'Request failed'));
    this.status = status;
    this.code = problem?.code ?? null;
    this.fieldErrors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.retryAfter = retryAfter; // seconds, from a 429's or 503's Retry-After
  }
}

const expiry = (key) => Number(sessionStorage.getItem(key) || 0);

// sessionStorage, not localStorage: the tokens live as long as the tab's session and are
// not shared with other tabs that may belong to someone else at a shared computer.
export const session = {
  /** The access token while it is valid, else null. */
  get token() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const expiresAt = expiry(EXPIRES_KEY);
    return token && (!expiresAt || expiresAt > Date.now()) ? token : null;
  },
  /** The refresh token while it is valid, else null. */
  get refreshToken() {
    const token = sessionStorage.getItem(REFRESH_KEY);
    const expiresAt = expiry(REFRESH_EXPIRES_KEY);
    return token && (!expiresAt || expiresAt > Date.now()) ? token : null;
  },
  /** A session that can go on: a valid access token, or a refresh token to get one. */
  get active() {
    return Boolean(this.token || this.refreshToken);
  },
  /** Milliseconds until the access token expires, or null when the server gave no lifetime. */
  get remainingMs() {
    const expiresAt = expiry(EXPIRES_KEY);
    return expiresAt ? expiresAt - Date.now() : null;
  },
  /** The access token's whole lifetime in milliseconds (as the server gave it), or null. */
  get lifetimeMs() {
    const expiresAt = expiry(EXPIRES_KEY);
    const issuedAt = expiry(ISSUED_KEY);
    return expiresAt && issuedAt ? expiresAt - issuedAt : null;
  },
  /** Stores what login and refresh answer; a missing refresh token keeps none (an older gateway). */
  save({ accessToken, expiresIn, refreshToken, refreshExpiresIn }) {
    const now = Date.now();
    sessionStorage.setItem(TOKEN_KEY, accessToken);
    sessionStorage.setItem(ISSUED_KEY, String(now));
    if (Number(expiresIn) > 0) sessionStorage.setItem(EXPIRES_KEY, String(now + Number(expiresIn) * 1000));
    else sessionStorage.removeItem(EXPIRES_KEY);
    if (refreshToken) sessionStorage.setItem(REFRESH_KEY, refreshToken);
    else sessionStorage.removeItem(REFRESH_KEY);
    if (refreshToken && Number(refreshExpiresIn) > 0) sessionStorage.setItem(REFRESH_EXPIRES_KEY, String(now + Number(refreshExpiresIn) * 1000));
    else sessionStorage.removeItem(REFRESH_EXPIRES_KEY);
  },
  clear() {
    for (const key of [TOKEN_KEY, EXPIRES_KEY, ISSUED_KEY, REFRESH_KEY, REFRESH_EXPIRES_KEY]) sessionStorage.removeItem(key);
  },
};

let unauthorizedHandler = () => {};
/**
 * Called when an authenticated call comes back 401 and a refresh cannot mend it: the session is
 * over. The handler gets the ApiError of the refresh (REFRESH_TOKEN_REUSED, UNAUTHORIZED) or
 * of the call.
 */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

let refreshedHandler = () => {};
/** Called with the new access token after every successful refresh. */
export function onRefreshed(handler) {
  refreshedHandler = handler;
}

let refreshing = null; // the one refresh in flight

/**
 * Renews the access token with the refresh token. One at a time: a second caller gets the
 * refresh in flight, because two refreshes with the same token look like a stolen token to
 * the server (REFRESH_TOKEN_REUSED), which ends the session. Resolves with the new access
 * token; rejects with an ApiError (status 401: the session is over; 0, 429, 503: try later).
 */
export function refreshSession() {
  if (refreshing) return refreshing;
  const refreshToken = session.refreshToken;
  if (!refreshToken) return Promise.reject(new ApiError(401, { code: 'UNAUTHORIZED', detail: 'Your session has ended.' }));
  refreshing = (async () => {
    try {
      const { data } = await exchange('POST', '/auth/refresh', { refreshToken }, { auth: false });
      // A log-out while the refresh was on its way wins: keep nothing.
      if (session.refreshToken !== refreshToken) throw new ApiError(401, { code: 'UNAUTHORIZED', detail: 'Your session has ended.' });
      session.save(data);
      refreshedHandler(data.accessToken);
      return data.accessToken;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
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

/**
 * One call. With `auth`, an expired access token is renewed first, and a 401 is answered by
 * one refresh and one retry (the token may have been refused at the very end of its life);
 * only when that fails too is the session over (onUnauthorized).
 */
async function exchange(method, path, body, { auth = true, retried = false } = {}) {
  if (auth && !session.token && session.refreshToken) {
    try {
      await refreshSession();
    } catch (error) {
      return failAuth(error);
    }
  }
  const token = auth ? session.token : null;
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: 'Cannot reach the server. Check your connection and try again.' });
  }
  // Error bodies may be empty (e.g. a bare 401), so a parse failure is not an error in itself.
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After')) || null;
    const error = new ApiError(response.status, data, retryAfter);
    if (response.status === 401 && auth) {
      if (retried || !session.refreshToken) return failAuth(error);
      try {
        // Someone else refreshed while this call was out: just retry with their token.
        if (session.token === token || !session.token) await refreshSession();
      } catch (refreshError) {
        return failAuth(refreshError);
      }
      return exchange(method, path, body, { auth, retried: true });
    }
    throw error;
  }
  return { data, response };
}

/** A refresh that did not work: a 401 ends the session; anything else (offline, 429) is just this call's failure. */
function failAuth(error) {
  if (error.status === 401) unauthorizedHandler(error);
  throw error;
}

const enc = encodeURIComponent;
const MAX_MEMBER_PAGES = 10; // the member list shows at most 1,000

export const api = {
  register: ({ email, password, displayName }) =>
    request('POST', '/auth/register', { email, password, displayName: displayName || undefined }, { auth: false }),
  login: ({ email, password }) => request('POST', '/auth/login', { email, password }, { auth: false }),
  me: () => request('GET', '/auth/me'),
  logout: () => request('POST', '/auth/logout'),
  logoutAll: () => request('POST', '/auth/logout-all'),
  sessions: () => request('GET', '/auth/sessions'),
  revokeSession: (sessionId) => request('DELETE', `/auth/sessions/${enc(sessionId)}`),

  rooms: () => request('GET', '/rooms'),
  discover: (q, limit = 50) => request('GET', `/rooms/discover?${new URLSearchParams({ q, limit })}`),
  room: (roomId) => request('GET', `/rooms/${enc(roomId)}`),
  createRoom: ({ name, description, visibility }) =>
    request('POST', '/rooms', { name, description: description || undefined, visibility: visibility || undefined }),
  /** The one direct room with that user (201 the first time, 200 after). */
  openDirect: (userId) => request('POST', '/direct-rooms', { userId }),
  /** [] or [{id, displayName}]: an exact e-mail address only. */
  findUser: (email) => request('GET', `/users?${new URLSearchParams({ email })}`),
  invite: (roomId, userId) => request('POST', `/rooms/${enc(roomId)}/invitations`, { userId }),
  /** Withdraws an invitation, or declines one's own. */
  dropInvitation: (roomId, userId) => request('DELETE', `/rooms/${enc(roomId)}/invitations/${enc(userId)}`),
  invitations: () => request('GET', '/invitations'),
  setRole: (roomId, userId, role) => request('PUT', `/rooms/${enc(roomId)}/members/${enc(userId)}`, { role }),
  removeMember: (roomId, userId) => request('DELETE', `/rooms/${enc(roomId)}/members/${enc(userId)}`),
  ban: (roomId, userId) => request('POST', `/rooms/${enc(roomId)}/bans`, { userId }),
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
