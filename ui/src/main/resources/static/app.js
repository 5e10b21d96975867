// app.js — entry point and controller. Decides what happens when: boots the session,
// turns user actions into REST calls and socket frames, and turns server frames into
// store updates. Views only render the store; api/socket only move bytes.

import { api, session, onUnauthorized, onRefreshed, refreshSession } from './api.js';
import { ChatSocket } from './socket.js';
import { createStore } from './store.js';
import { renderAuth } from './login-view.js';
import { mountChat } from './chat-view.js';
import { h, logo } from './dom.js';

const HISTORY_PAGE = 50;
const ACK_TIMEOUT_MS = 15_000;
const UNKNOWN_RETRIES = 4; // an ack UNKNOWN is retried after 1, 2, 4 and 8 s before the message shows as failed
const CATCH_UP_REJOIN_MS = 2_000; // after CATCH_UP_FAILED: the server retried already; give it a breath
const TYPING_THROTTLE_MS = 2_000;
const READ_DEBOUNCE_MS = 400;
const ROOM_KEY = 'parley.room';
const REFRESH_AT = 0.75; // of the access token's lifetime: early enough to survive a slow answer
const REFRESH_RETRY_MS = 5_000; // a refresh that could not reach the server is tried again
const AUTH_RECOVERY_WINDOW_MS = 10_000; // a second 4401 this soon after a recovery ends the session

const NOTICE = {
  ended: 'Your session has ended: you were signed out on another device, or it expired. Please log in again.',
  reused: 'Your session has ended for your safety: its sign-in was used in two places at once. Please log in again.',
  expired: 'Your session has expired. Please log in again.',
};

const root = document.getElementById('app');

// Per-session state: all of it is dropped on log-out, so nothing leaks into the next login.
let store = null;
let socket = null;
let chat = null;
let refreshTimer = null;
let signedIn = false; // from login (or boot) until endSession
let leaving = false; // a log-out is on its way: 401s meanwhile are expected
let socketToken = null; // the access token the socket's current connection was opened with
let lastAuthRecovery = 0; // when a 4401 close was last answered with a refresh
const ackTimers = new Map(); // clientMsgId → timer
const sendRequests = new Map(); // frame id → clientMsgId (to pin an `error` frame on its message)
const unknownTries = new Map(); // clientMsgId → how often an UNKNOWN answer was retried
const lastTypingSent = new Map(); // roomId → ms
const readTimers = new Map(); // roomId → timer
const memberRefresh = new Map(); // roomId → timer

onUnauthorized((error) => {
  if (!leaving) endSession(noticeFor(error));
});
onRefreshed((token) => {
  if (!store) return;
  scheduleRefresh();
  reauthSocket(token);
});
// Timers of a hidden tab are throttled: catch up on a refresh that is overdue once it is seen again.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && store && refreshDue()) refreshNow();
});

/** What the login screen says when the server ended the session. */
function noticeFor(error) {
  return error?.code === 'REFRESH_TOKEN_REUSED' ? NOTICE.reused : NOTICE.ended;
}

// ---- session ------------------------------------------------------------------------------

async function boot() {
  if (!session.active) return showAuth();
  signedIn = true;
  showSplash();
  try {
    const me = await api.me();
    startChat(me);
  } catch (error) {
    if (error.status === 401) return; // onUnauthorized already sent us to the login screen
    showOffline(error.message);
  }
}

function showAuth(notice) {
  renderAuth(root, {
    notice,
    onLogin: login,
    onRegister: async (values) => {
      await api.register(values);
      await login(values);
    },
  });
}

async function login({ email, password }) {
  session.save(await api.login({ email, password }));
  signedIn = true;
  startChat(await api.me());
}

/** "Log out": this device's session ends on the server too. */
function logout() {
  return leave(() => api.logout());
}

/** "Log out everywhere": every session of the account ends, this one included. */
function logoutEverywhere() {
  return leave(() => api.logoutAll());
}

async function leave(call) {
  if (leaving) return;
  leaving = true;
  // Our own socket goes first, so the server's 4401 for the ended session finds nothing to mend.
  socket?.stop();
  socket = null;
  clearTimeout(refreshTimer);
  let notice;
  try {
    await call();
  } catch (error) {
    // 401: the session was over already. Otherwise the server did not hear us; this tab forgets
    // the tokens anyway, and the session stays in the list until it is revoked from another device.
    if (error.status !== 401) notice = `Logged out on this device, but the server could not be told (${error.message}). Revoke this session from another device if needed.`;
  } finally {
    leaving = false;
  }
  endSession(notice);
}

function endSession(notice) {
  if (!signedIn) return; // several 401s at once end the session only once
  signedIn = false;
  socket?.stop();
  chat?.destroy();
  socket = null;
  chat = null;
  store = null;
  session.clear();
  clearTimeout(refreshTimer);
  socketToken = null;
  lastAuthRecovery = 0;
  for (const timers of [ackTimers, readTimers, memberRefresh]) {
    timers.forEach(clearTimeout);
    timers.clear();
  }
  sendRequests.clear();
  lastTypingSent.clear();
  sessionStorage.removeItem(ROOM_KEY);
  history.replaceState(null, '', location.pathname + location.search);
  showAuth(notice);
}

function showSplash() {
  root.replaceChildren(h('div', { class: 'splash' }, logo(48), h('span', { class: 'spinner' })));
}

function showOffline(message) {
  root.replaceChildren(h('div', { class: 'splash' }, logo(48),
    h('p', {}, message || 'Cannot reach Parley right now.'),
    h('button', { type: 'button', class: 'btn btn-primary', onClick: boot }, 'Try again')));
}

async function startChat(me) {
  store = createStore();
  store.state.me = me;
  chat = mountChat(root, store, actions);
  scheduleRefresh();
  const mine = store;
  try {
    const rooms = await api.rooms();
    if (store !== mine) return; // logged out meanwhile
    rooms.forEach(store.upsertRoom);
  } catch (error) {
    chat?.toast(`Could not load your rooms: ${error.message}`, { kind: 'error' });
  }
  loadInvitations();
  const remembered = sessionStorage.getItem(ROOM_KEY);
  const first = store.state.rooms.has(remembered) ? remembered : store.sortedRooms()[0]?.id;
  if (first) openRoom(first);
  // The socket starts once the room list is known, so its first open can join every room.
  socket = new ChatSocket({
    url: () => {
      socketToken = session.token;
      return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(socketToken ?? '')}`;
    },
    onFrame,
    onState: (state) => {
      if (!store) return;
      store.state.connection = state;
      store.emit('connection', 'members');
    },
    onOpen: socketOpened,
    onAuthRejected: socketAuthRejected,
    // The server refuses a bad token with HTTP 401 before the upgrade, which the browser
    // reports like any network failure; asking REST tells the two apart (a 401 there is
    // answered by a refresh, and only when that fails → log-in screen).
    onConnectFailed: () => api.me().catch(() => {}),
  });
  socket.start();
}

// ---- silent refresh -------------------------------------------------------------------------

/**
 * The next refresh: at REFRESH_AT of the access token's lifetime, or after `delayMs`. Without
 * a refresh token (a gateway from before sessions) the session simply ends at expiry.
 */
function scheduleRefresh(delayMs) {
  clearTimeout(refreshTimer);
  const remaining = session.remainingMs;
  if (remaining == null) return;
  let delay = delayMs;
  let run = refreshNow;
  if (!session.refreshToken) {
    delay = remaining;
    run = () => endSession(NOTICE.expired);
  } else if (delay == null) {
    const lifetime = session.lifetimeMs ?? remaining;
    delay = remaining - lifetime * (1 - REFRESH_AT);
  }
  // setTimeout overflows past ~24.8 days; tokens are never that long-lived, but be safe.
  refreshTimer = setTimeout(run, Math.min(Math.max(delay, 0), 2 ** 31 - 1));
}

function refreshDue() {
  const remaining = session.remainingMs;
  const lifetime = session.lifetimeMs;
  return Boolean(session.refreshToken) && remaining != null && lifetime != null && remaining <= lifetime * (1 - REFRESH_AT);
}

/** Refreshes now (api.js keeps it to one at a time); onRefreshed does the rest. */
async function refreshNow() {
  const mine = store;
  try {
    await refreshSession();
  } catch (error) {
    if (store !== mine || !store) return;
    if (error.status === 401) return endSession(noticeFor(error));
    // Offline, throttled or the server in trouble: try again, also past the token's expiry
    // (REST calls and the socket's reconnect ask for a refresh of their own meanwhile).
    scheduleRefresh(error.retryAfter ? error.retryAfter * 1000 : REFRESH_RETRY_MS);
  }
}

/**
 * Hands the socket the new token (`reauth`), so the server does not close it when the old one
 * expires. A refusal is followed by the server's 4401 close, handled in socketAuthRejected.
 */
async function reauthSocket(token) {
  const mine = socket;
  if (!mine) return;
  if (!mine.isOpen) {
    mine.retryNow(); // waiting out a back-off, maybe because of the old token: go again with this one
    return;
  }
  socketToken = token;
  try {
    await mine.request({ type: 'reauth', token });
  } catch (error) {
    // UNKNOWN_TYPE: a gateway without reauth, which does not close sockets at expiry either.
    if (socket === mine) console.warn('reauth refused', error.code ?? error.message);
  }
}

/**
 * The server closed the socket with 4401: its token expired without a reauth, or the session
 * was ended (log-out elsewhere, revoked, password changed). One refresh tells the two apart:
 * it works → reconnect (the rooms are joined again with lastSeenSeq); it is refused → log-in
 * screen. Resolves with whether the socket should reconnect.
 */
async function socketAuthRejected() {
  const mine = store;
  if (!mine) return false;
  if (Date.now() - lastAuthRecovery < AUTH_RECOVERY_WINDOW_MS) {
    endSession(NOTICE.ended); // refreshed a moment ago and refused again: nothing more to try
    return false;
  }
  lastAuthRecovery = Date.now();
  try {
    await refreshSession();
    return store === mine;
  } catch (error) {
    if (store !== mine) return false;
    if (error.status === 401) {
      endSession(noticeFor(error));
      return false;
    }
    return true; // offline or throttled: reconnect with back-off; a refused upgrade leads back here through REST
  }
}

// ---- socket lifecycle -----------------------------------------------------------------------

async function socketOpened(isReconnect) {
  const mine = store;
  // A refresh landed while this connection was being opened with the token before it.
  if (session.token && socketToken !== session.token) reauthSocket(session.token);
  // Join every room, not just the open one: that is what keeps unread badges and the
  // room order live. lastSeenSeq makes the server replay whatever we missed while away.
  await Promise.allSettled([...store.state.rooms.keys()].map(joinOverSocket));
  if (store !== mine) return;
  flushOutbox();
  if (isReconnect) {
    syncRooms();
    loadInvitations(); // an invited frame may have been missed while away
    // Presence changes were missed while away: refresh the open room's members, and the
    // others when next opened.
    for (const [roomId] of store.state.rooms) if (store.data(roomId).members) store.data(roomId).membersStale = true;
    if (store.state.currentRoomId) loadMembers(store.state.currentRoomId);
  }
}

async function joinOverSocket(roomId) {
  const frame = { type: 'joinRoom', roomId };
  const lastSeq = store.data(roomId).lastSeq;
  if (lastSeq != null) frame.lastSeenSeq = lastSeq;
  try {
    await socket.request(frame);
  } catch (error) {
    console.warn(`joinRoom ${roomId} failed`, error.code ?? error.message);
  }
}

/**
 * After a reconnect: pick up rooms joined or left elsewhere, and unread counts of rooms
 * whose position we never learned (those could not ask for a replay). Rooms with a known
 * position keep their live counts — the replay has already brought them up to date.
 */
async function syncRooms() {
  const mine = store;
  const known = new Set(store.state.rooms.keys());
  let rooms;
  try {
    rooms = await api.rooms();
  } catch {
    return;
  }
  if (store !== mine) return;
  const listed = new Set(rooms.map((r) => r.id));
  for (const room of rooms) {
    if (!store.state.rooms.has(room.id)) {
      store.upsertRoom(room);
      joinOverSocket(room.id);
    } else if (store.data(room.id).lastSeq == null) {
      store.upsertRoom(room);
    } else {
      const { id, name, description, memberCount } = room;
      store.upsertRoom({ id, name, description, memberCount });
    }
  }
  for (const id of known) if (!listed.has(id)) dropRoom(id);
}

function onFrame(frame) {
  if (!store) return;
  switch (frame?.type) {
    case 'newMessage':
      if (frame.message) ingest(frame.message.roomId, [frame.message], { live: true });
      break;
    case 'ack':
      onAck(frame);
      break;
    case 'presence':
      store.setPresence(frame.userId, frame.online, frame.version ?? 0);
      break;
    case 'typing':
      if (frame.userId !== store.state.me.id && store.state.rooms.has(frame.roomId)) {
        store.setTyping(frame.roomId, frame.userId);
        refreshMembersIfUnknown(frame.roomId, frame.userId);
      }
      break;
    case 'member':
      onMemberFrame(frame);
      break;
    case 'removed':
      onRemoved(frame);
      break;
    case 'roomUpdated':
      onRoomUpdated(frame.room);
      break;
    case 'read':
      store.setReadMarker(frame.roomId, frame.userId, frame.lastReadMessageId, frame.lastReadSeq);
      break;
    case 'invited':
      if (frame.room?.id && !store.state.rooms.has(frame.room.id)) {
        store.addInvitation({ room: frame.room, invitedBy: frame.invitedBy, createdAt: new Date().toISOString() });
        chat?.toast(`You were invited to ${roomLabel(frame.room)}.`);
      }
      break;
    case 'error':
      onErrorFrame(frame);
      break;
    default: // replies are settled by the socket's request(); nothing else to do
  }
}

// ---- room frames ----------------------------------------------------------------------------

const REMOVED_NOTICE = { REMOVED: 'You were removed from', BANNED: 'You were banned from' };

function roomLabel(room) {
  return room?.kind === 'DIRECT' ? `your conversation with ${room.name}` : `#${room?.name ?? 'a room'}`;
}

/** Someone joined, left, was removed or banned, or has a new role. */
function onMemberFrame(frame) {
  if (!store.state.rooms.has(frame.roomId)) return;
  if (frame.change === 'JOINED') {
    // the list needs their name: read it again (at most once a second)
    refreshMembersIfUnknown(frame.roomId, frame.userId);
    const room = store.state.rooms.get(frame.roomId);
    if (!store.data(frame.roomId).members) store.upsertRoom({ id: room.id, memberCount: (room.memberCount ?? 0) + 1 });
    return;
  }
  store.updateMember(frame.roomId, frame.userId, { role: frame.role, gone: frame.change !== 'ROLE_CHANGED' });
}

/** This user is out of a room (here or on another device): it goes from the list at once. */
function onRemoved(frame) {
  const room = store.state.rooms.get(frame.roomId);
  if (!room) return;
  dropRoom(frame.roomId);
  const notice = REMOVED_NOTICE[frame.reason];
  if (notice) chat?.toast(`${notice} ${roomLabel(room)}.`, { kind: 'error' });
}

/** A room changed, or a direct room another user opened with us is new here. */
function onRoomUpdated(room) {
  if (!room?.id) return;
  if (store.state.rooms.has(room.id)) {
    store.upsertRoom(room);
    return;
  }
  if (room.kind !== 'DIRECT') return; // a group room is only ever ours after we joined it
  store.upsertRoom({ unreadCount: 0, myRole: 'MEMBER', ...room });
  joinOverSocket(room.id);
  chat?.toast(`${room.name} started a conversation with you.`);
}

// ---- messages -------------------------------------------------------------------------------

/**
 * The single way messages enter the store, from REST pages and socket frames alike:
 * de-duplicates, confirms our own optimistic messages, and for live ones updates unread
 * counts and typing.
 */
function ingest(roomId, messages, { live = false } = {}) {
  if (!store.state.rooms.has(roomId)) return [];
  const added = store.addMessages(roomId, messages);
  const meId = store.state.me.id;
  for (const message of added) {
    const out = store.outgoingFor(message);
    if (out) {
      clearTimeout(ackTimers.get(out.clientMsgId));
      ackTimers.delete(out.clientMsgId);
      store.updateOutgoing(out.clientMsgId, 'delivered', { messageId: message.id });
    }
    if (!live || message.senderId === meId) continue;
    store.clearTyping(roomId, message.senderId);
    refreshMembersIfUnknown(roomId, message.senderId);
    const reading = roomId === store.state.currentRoomId && chat.isReadingLatest();
    if (!reading) store.setUnread(roomId, (store.state.rooms.get(roomId).unreadCount ?? 0) + 1);
  }
  return added;
}

function send(roomId, content, type) {
  const clientMsgId = newUuid();
  store.addOutgoing({ clientMsgId, roomId, senderId: store.state.me.id, type, content, createdAt: new Date().toISOString() });
  transmit(clientMsgId);
}

/** (Re-)sends an outgoing message. The same clientMsgId every time: the server de-duplicates. */
function transmit(clientMsgId) {
  const out = store.state.outgoing.get(clientMsgId);
  if (!out || out.state === 'delivered') return;
  const id = socket.newId();
  const frame = { type: 'sendMessage', id, roomId: out.roomId, clientMsgId, content: out.content, messageType: out.type };
  clearTimeout(ackTimers.get(clientMsgId));
  // Not connected: it stays pending and goes out when the socket is back (flushOutbox).
  if (!socket.send(frame)) return;
  sendRequests.set(id, clientMsgId);
  ackTimers.set(clientMsgId, setTimeout(() => {
    ackTimers.delete(clientMsgId);
    sendRequests.delete(id);
    // Lost with the connection: the reconnect re-sends it, so it is not a failure yet.
    if (!socket?.isOpen) return;
    store?.updateOutgoing(clientMsgId, 'failed', { error: 'No answer from the server.' });
  }, ACK_TIMEOUT_MS));
}

function flushOutbox() {
  for (const out of store.state.outgoing.values()) if (out.state === 'pending') transmit(out.clientMsgId);
}

function onAck(frame) {
  sendRequests.delete(frame.id);
  const clientMsgId = frame.clientMsgId;
  if (!store.state.outgoing.has(clientMsgId)) return;
  clearTimeout(ackTimers.get(clientMsgId));
  ackTimers.delete(clientMsgId);
  if (frame.status === 'ACCEPTED') {
    unknownTries.delete(clientMsgId);
    store.updateOutgoing(clientMsgId, 'accepted', { messageId: frame.messageId ?? null });
  } else if (frame.status === 'UNKNOWN' && (unknownTries.get(clientMsgId) ?? 0) < UNKNOWN_RETRIES) {
    // the server may hold it already: send it again, same clientMsgId, and let it de-duplicate
    const tries = (unknownTries.get(clientMsgId) ?? 0) + 1;
    unknownTries.set(clientMsgId, tries);
    setTimeout(() => transmit(clientMsgId), 1000 * 2 ** (tries - 1));
  } else {
    unknownTries.delete(clientMsgId);
    store.updateOutgoing(clientMsgId, 'failed', { error: describeError(frame.error) });
  }
}

function onErrorFrame(frame) {
  // the server gave up catching this room up (after its own retries): join again from where we are
  if (frame.error?.code === 'CATCH_UP_FAILED' && frame.roomId) {
    if (store.state.rooms.has(frame.roomId)) setTimeout(() => joinOverSocket(frame.roomId), CATCH_UP_REJOIN_MS);
    return;
  }
  const clientMsgId = sendRequests.get(frame.id);
  if (!clientMsgId) return console.warn('server error frame', frame.error);
  sendRequests.delete(frame.id);
  clearTimeout(ackTimers.get(clientMsgId));
  store.updateOutgoing(clientMsgId, 'failed', { error: describeError(frame.error) });
}

function retry(clientMsgId) {
  store.updateOutgoing(clientMsgId, 'pending');
  transmit(clientMsgId);
}

function describeError(error) {
  const known = {
    NOT_A_MEMBER: 'You are no longer a member of this room.',
    VALIDATION_FAILED: 'The server rejected this message.',
    RATE_LIMITED: 'You are sending too fast. Try again in a moment.',
    OUTCOME_UNKNOWN: 'Not confirmed by the server yet. Retry: it will not be sent twice.',
    BROKER_UNAVAILABLE: 'The server could not take this message right now. Retry in a moment.',
  };
  return known[error?.code] ?? error?.message ?? 'The server could not accept this message.';
}

function typing(roomId) {
  const now = Date.now();
  if (now - (lastTypingSent.get(roomId) ?? 0) < TYPING_THROTTLE_MS) return;
  if (socket?.send({ type: 'typing', roomId })) lastTypingSent.set(roomId, now);
}

/** Reports the newest message as read once it is on screen; debounced, forward only. */
function markRead(roomId) {
  store.setUnread(roomId, 0);
  clearTimeout(readTimers.get(roomId));
  readTimers.set(roomId, setTimeout(() => {
    readTimers.delete(roomId);
    if (!store?.state.rooms.has(roomId)) return;
    const newest = store.newestMessage(roomId);
    const d = store.data(roomId);
    if (!newest || newest.seq <= d.readSeq) return;
    const previous = d.readSeq;
    d.readSeq = newest.seq;
    api.markRead(roomId, newest.id).catch(() => { d.readSeq = previous; });
  }, READ_DEBOUNCE_MS));
}

// ---- rooms ----------------------------------------------------------------------------------

function openRoom(roomId, { reload = false } = {}) {
  if (!store.state.rooms.has(roomId)) return;
  chat.closeDrawer();
  if (store.state.currentRoomId !== roomId) {
    store.state.currentRoomId = roomId;
    sessionStorage.setItem(ROOM_KEY, roomId);
    store.emit('current');
  }
  const d = store.data(roomId);
  if (!d.historyLoaded || reload) loadHistory(roomId);
  if (!d.members || d.membersStale) loadMembers(roomId);
}

/** The latest page, once per room: after that the socket keeps the room up to date. */
async function loadHistory(roomId) {
  const d = store.data(roomId);
  if (d.loadingHistory) return;
  d.loadingHistory = true;
  d.historyError = null;
  store.emit('messages');
  try {
    const page = await api.messages(roomId, { limit: HISTORY_PAGE });
    ingest(roomId, page);
    d.hasOlder = page.length === HISTORY_PAGE && page[0].seq > 1;
    d.historyLoaded = true;
  } catch (error) {
    d.historyError = error.message;
  } finally {
    d.loadingHistory = false;
    store?.emit('messages');
  }
}

async function loadOlder(roomId) {
  const d = store.data(roomId);
  if (!d.historyLoaded || !d.hasOlder || d.loadingOlder) return;
  const oldest = store.oldestMessage(roomId);
  if (!oldest) return;
  d.loadingOlder = true;
  store.emit('messages');
  try {
    const page = await api.messages(roomId, { before: oldest.id, limit: HISTORY_PAGE });
    ingest(roomId, page);
    d.hasOlder = page.length === HISTORY_PAGE && page[0].seq > 1;
  } catch (error) {
    chat?.toast(`Could not load older messages: ${error.message}`, { kind: 'error' });
  } finally {
    d.loadingOlder = false;
    store?.emit('messages');
  }
}

async function loadMembers(roomId) {
  try {
    const members = await api.members(roomId);
    if (!store?.state.rooms.has(roomId)) return;
    store.setMembers(roomId, members);
    store.data(roomId).membersStale = false;
  } catch (error) {
    if (roomId === store?.state.currentRoomId) chat?.toast(`Could not load members: ${error.message}`, { kind: 'error' });
  }
}

/** Someone we have no name for spoke: they probably just joined. One refresh per second at most. */
function refreshMembersIfUnknown(roomId, userId) {
  const members = store.data(roomId).members;
  if (!members || members.has(userId) || memberRefresh.has(roomId)) return;
  memberRefresh.set(roomId, setTimeout(() => {
    memberRefresh.delete(roomId);
    if (store?.state.rooms.has(roomId)) loadMembers(roomId);
  }, 1000));
}

async function createRoom({ name, description, visibility }) {
  const room = await api.createRoom({ name, description, visibility });
  store.upsertRoom({ unreadCount: 0, ...room });
  joinOverSocket(room.id);
  openRoom(room.id);
}

async function joinRoom(room) {
  await api.join(room.id);
  const full = await api.room(room.id).catch(() => room);
  store.upsertRoom(full);
  joinOverSocket(room.id);
  openRoom(room.id);
}

async function leaveRoom(roomId) {
  const room = store.state.rooms.get(roomId);
  try {
    await api.leave(roomId);
  } catch (error) {
    chat.toast(`Could not leave the room: ${error.message}`, { kind: 'error' });
    return;
  }
  socket?.send({ type: 'leaveRoom', id: socket.newId(), roomId });
  dropRoom(roomId);
  chat.toast(`You left #${room?.name ?? 'the room'}.`, {
    action: 'Undo',
    onAction: () => joinRoom(room).catch((error) => chat?.toast(`Could not re-join: ${error.message}`, { kind: 'error' })),
  });
}

function dropRoom(roomId) {
  const wasCurrent = store.state.currentRoomId === roomId;
  store.removeRoom(roomId);
  if (wasCurrent) {
    sessionStorage.removeItem(ROOM_KEY);
    const next = store.sortedRooms()[0];
    if (next) openRoom(next.id);
  }
}

async function discover(q) {
  return api.discover(q);
}

async function loadInvitations() {
  const mine = store;
  try {
    const invitations = await api.invitations();
    if (store === mine) store.setInvitations(invitations);
  } catch (error) {
    if (store === mine) console.warn('could not load invitations', error.code ?? error.message);
  }
}

/** Joining consumes the invitation (for a private room it is the only way in). */
async function acceptInvitation(roomId) {
  const invitation = store.state.invitations.get(roomId);
  await joinRoom(invitation?.room ?? { id: roomId });
  store.removeInvitation(roomId);
}

async function declineInvitation(roomId) {
  await api.dropInvitation(roomId, store.state.me.id);
  store.removeInvitation(roomId);
}

/** Invites a user found by their exact e-mail address. Resolves with their name. */
async function inviteByEmail(roomId, email) {
  const [user] = await api.findUser(email);
  if (!user) throw new Error(`Nobody uses ${email} on Parley.`);
  await api.invite(roomId, user.id);
  return user.displayName;
}

/** Opens (or creates) the direct room with that user and shows it. */
async function openDirect(userId) {
  const room = await api.openDirect(userId);
  const known = store.state.rooms.has(room.id);
  store.upsertRoom(room);
  if (!known) joinOverSocket(room.id);
  openRoom(room.id);
}

/** A role change, removal or ban; the member frame that follows updates every member's view. */
async function moderate(roomId, userId, what) {
  try {
    if (what === 'remove') await api.removeMember(roomId, userId);
    else if (what === 'ban') await api.ban(roomId, userId);
    else {
      const membership = await api.setRole(roomId, userId, what);
      store.updateMember(roomId, userId, { role: membership.role });
      // a transfer makes us ADMIN: read our own row again
      if (what === 'OWNER') loadMembers(roomId);
    }
  } catch (error) {
    chat?.toast(`Could not do that: ${error.message}`, { kind: 'error' });
  }
}

/** crypto.randomUUID only exists on secure origins; a plain-http LAN address still needs ids. */
function newUuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Everything the views may ask for.
const actions = {
  openRoom,
  loadOlder,
  send,
  retry,
  typing,
  markRead,
  createRoom,
  joinRoom,
  leaveRoom,
  discover,
  acceptInvitation,
  declineInvitation,
  inviteByEmail,
  openDirect,
  moderate,
  logout,
  logoutEverywhere,
  sessions: () => api.sessions(),
  revokeSession: (sessionId) => api.revokeSession(sessionId),
};

boot();
