// store.js — the client's state and the rules that keep it consistent: rooms, messages
// (de-duplicated by id, ordered by seq), the optimistic outbox, members, presence, typing.
// It does no I/O. Views subscribe to topics; changes are batched into one notification
// per topic per task, so a burst of 50 replayed messages renders once.

const TYPING_VISIBLE_MS = 3000;

// An outgoing message only ever moves forward, except failed → pending on retry.
const RANK = { pending: 0, failed: 0, accepted: 1, delivered: 2 };

const bySeq = (a, b) => a.seq - b.seq;
const activityOf = (room) => room.lastMessageAt ?? room.createdAt ?? '';

export function createStore() {
  const listeners = new Map(); // topic → Set<fn>
  const dirty = new Set();
  let flushQueued = false;

  const state = {
    me: null,
    connection: 'offline',
    rooms: new Map(), // roomId → room as the server sent it, unreadCount/lastMessage* kept live
    currentRoomId: null,
    presence: new Map(), // userId → online
    outgoing: new Map(), // clientMsgId → optimistic message
    invitations: new Map(), // roomId → {room, invitedBy, createdAt}: pending invitations to me
  };
  const roomData = new Map(); // roomId → per-room client state, see data()

  function on(topic, fn) {
    if (!listeners.has(topic)) listeners.set(topic, new Set());
    listeners.get(topic).add(fn);
  }

  function emit(...topics) {
    topics.forEach((t) => dirty.add(t));
    if (flushQueued) return;
    flushQueued = true;
    queueMicrotask(() => {
      flushQueued = false;
      const topics = [...dirty];
      dirty.clear();
      for (const t of topics) listeners.get(t)?.forEach((fn) => fn());
    });
  }

  function data(roomId) {
    let d = roomData.get(roomId);
    if (!d) {
      d = {
        messages: new Map(), // message id → message
        lastSeq: null, // highest seq seen; null while unknown (then a re-join cannot ask for a replay)
        historyLoaded: false,
        hasOlder: false,
        loadingOlder: false,
        members: null, // Map userId → member once fetched
        typing: new Map(), // userId → timer
        readSeq: 0, // highest seq reported to the server as read
      };
      roomData.set(roomId, d);
    }
    return d;
  }

  // ---- rooms ------------------------------------------------------------------------------

  function upsertRoom(room) {
    const existing = state.rooms.get(room.id);
    state.rooms.set(room.id, { unreadCount: 0, ...existing, ...room });
    const d = data(room.id);
    // A room without messages has a known position: nothing seen yet, so seq 0.
    if (d.lastSeq == null && !room.lastMessageId && !existing?.lastMessageId) d.lastSeq = 0;
    emit('rooms');
  }

  function removeRoom(roomId) {
    state.rooms.delete(roomId);
    const d = roomData.get(roomId);
    d?.typing.forEach(clearTimeout);
    roomData.delete(roomId);
    for (const [key, out] of state.outgoing) if (out.roomId === roomId) state.outgoing.delete(key);
    if (state.currentRoomId === roomId) state.currentRoomId = null;
    emit('rooms', 'current', 'messages', 'members', 'typing');
  }

  function sortedRooms() {
    return [...state.rooms.values()].sort((a, b) => activityOf(b).localeCompare(activityOf(a)));
  }

  function setUnread(roomId, count) {
    const room = state.rooms.get(roomId);
    if (!room || room.unreadCount === count) return;
    room.unreadCount = count;
    emit('rooms');
  }

  // ---- messages ---------------------------------------------------------------------------

  /** Adds messages not seen before; returns just those (so callers count/notify once). */
  function addMessages(roomId, messages) {
    const d = data(roomId);
    const added = [];
    for (const m of messages) {
      if (!m?.id || d.messages.has(m.id)) continue;
      d.messages.set(m.id, m);
      added.push(m);
      if (d.lastSeq == null || m.seq > d.lastSeq) d.lastSeq = m.seq;
    }
    if (added.length) {
      const newest = added.reduce((a, b) => (b.seq > a.seq ? b : a));
      const room = state.rooms.get(roomId);
      if (room && (!room.lastMessageAt || newest.createdAt >= room.lastMessageAt)) {
        room.lastMessageAt = newest.createdAt;
        room.lastMessageId = newest.id;
      }
      emit('messages', 'rooms');
    }
    return added;
  }

  function newestMessage(roomId) {
    let newest = null;
    for (const m of roomData.get(roomId)?.messages.values() ?? []) if (!newest || m.seq > newest.seq) newest = m;
    return newest;
  }

  function oldestMessage(roomId) {
    let oldest = null;
    for (const m of roomData.get(roomId)?.messages.values() ?? []) if (!oldest || m.seq < oldest.seq) oldest = m;
    return oldest;
  }

  /**
   * What the message pane shows: persisted messages in seq order, then own messages still
   * on their way. An own message keeps the key of its optimistic bubble after it is
   * persisted, so the bubble is updated in place instead of jumping.
   */
  function timeline(roomId) {
    const meId = state.me?.id;
    const persisted = [...(roomData.get(roomId)?.messages.values() ?? [])].sort(bySeq).map((m) => {
      const own = m.senderId === meId;
      const sentHere = own && m.clientMsgId && state.outgoing.has(m.clientMsgId);
      return { ...m, key: sentHere ? `c:${m.clientMsgId}` : `m:${m.id}`, own, state: 'delivered' };
    });
    const inFlight = [...state.outgoing.values()]
      .filter((o) => o.roomId === roomId && o.state !== 'delivered')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((o) => ({ ...o, id: o.messageId ?? null, key: `c:${o.clientMsgId}`, own: true }));
    return persisted.concat(inFlight);
  }

  // ---- outbox -----------------------------------------------------------------------------

  function addOutgoing(message) {
    state.outgoing.set(message.clientMsgId, { ...message, state: 'pending', error: null });
    emit('messages');
  }

  /** Moves an outgoing message to a new state; never backwards (a late ack cannot undo delivery). */
  function updateOutgoing(clientMsgId, next, patch = {}) {
    const out = state.outgoing.get(clientMsgId);
    if (!out) return null;
    const retry = out.state === 'failed' && next === 'pending';
    if (!retry && RANK[next] < RANK[out.state]) return out;
    if (out.state === 'delivered') return out;
    Object.assign(out, patch, { state: next });
    if (next !== 'failed') out.error = null;
    emit('messages');
    return out;
  }

  /** The outgoing message a persisted one confirms, matched by clientMsgId, else by the acked id. */
  function outgoingFor(message) {
    if (message.senderId !== state.me?.id) return null;
    if (message.clientMsgId && state.outgoing.has(message.clientMsgId)) return state.outgoing.get(message.clientMsgId);
    for (const out of state.outgoing.values()) if (out.messageId && out.messageId === message.id) return out;
    return null;
  }

  // ---- members, presence, typing ------------------------------------------------------------

  function setMembers(roomId, members) {
    const map = new Map();
    for (const m of members) {
      map.set(m.userId, m);
      state.presence.set(m.userId, Boolean(m.online));
    }
    data(roomId).members = map;
    emit('members', 'messages', 'typing');
  }

  /** A member frame's news for a room whose member list is loaded: a new role, or gone. */
  function updateMember(roomId, userId, { role, gone = false }) {
    const members = roomData.get(roomId)?.members;
    if (members?.has(userId)) {
      if (gone) members.delete(userId);
      else members.set(userId, { ...members.get(userId), role });
    }
    const room = state.rooms.get(roomId);
    if (room && userId === state.me?.id && !gone) state.rooms.set(roomId, { ...room, myRole: role });
    if (room && members) state.rooms.set(roomId, { ...state.rooms.get(roomId), memberCount: members.size });
    emit('members', 'rooms');
  }

  /** A read frame: a member's marker moved (frames can overtake each other: the higher seq wins). */
  function setReadMarker(roomId, userId, lastReadMessageId, lastReadSeq) {
    const members = roomData.get(roomId)?.members;
    const member = members?.get(userId);
    if (!member || (member.lastReadSeq ?? 0) >= lastReadSeq) return;
    members.set(userId, { ...member, lastReadMessageId, lastReadSeq });
    emit('messages');
  }

  /** The members other than me and the message's sender whose marker is at or past it. */
  function seenBy(roomId, message) {
    const members = roomData.get(roomId)?.members;
    if (!members || message?.seq == null) return [];
    return [...members.values()].filter((m) => m.userId !== state.me?.id && m.userId !== message.senderId
      && (m.lastReadSeq ?? 0) >= message.seq);
  }

  function setInvitations(invitations) {
    state.invitations.clear();
    for (const invitation of invitations) state.invitations.set(invitation.room.id, invitation);
    emit('invitations');
  }

  function addInvitation(invitation) {
    state.invitations.set(invitation.room.id, invitation);
    emit('invitations');
  }

  function removeInvitation(roomId) {
    if (state.invitations.delete(roomId)) emit('invitations');
  }

  const presenceVersions = new Map(); // userId → the newest presence version seen in a frame

  /**
   * A presence frame's news. Frames carry the user's presence version; one older than what we
   * have overtook a newer one on its way and is stale. A member list read over REST has no
   * version (0), sets the state and keeps the version known so far.
   */
  function setPresence(userId, online, version = 0) {
    const known = presenceVersions.get(userId) ?? 0;
    if (version > 0 && version <= known) return;
    if (version > 0) presenceVersions.set(userId, version);
    state.presence.set(userId, Boolean(online));
    emit('members');
  }

  const isOnline = (userId) => (userId === state.me?.id && state.connection === 'online') || state.presence.get(userId) === true;

  function displayName(roomId, userId) {
    if (userId === state.me?.id) return state.me.displayName || state.me.email;
    const own = roomData.get(roomId)?.members?.get(userId);
    if (own) return own.displayName;
    for (const d of roomData.values()) {
      const m = d.members?.get(userId);
      if (m) return m.displayName;
    }
    return 'Unknown user';
  }

  function setTyping(roomId, userId) {
    const d = data(roomId);
    clearTimeout(d.typing.get(userId));
    d.typing.set(userId, setTimeout(() => clearTyping(roomId, userId), TYPING_VISIBLE_MS));
    emit('typing');
  }

  function clearTyping(roomId, userId) {
    const d = roomData.get(roomId);
    if (!d?.typing.has(userId)) return;
    clearTimeout(d.typing.get(userId));
    d.typing.delete(userId);
    emit('typing');
  }

  const typingUsers = (roomId) => [...(roomData.get(roomId)?.typing.keys() ?? [])];

  function reset() {
    for (const d of roomData.values()) d.typing.forEach(clearTimeout);
    roomData.clear();
    state.rooms.clear();
    state.presence.clear();
    presenceVersions.clear();
    state.outgoing.clear();
    state.invitations.clear();
    state.me = null;
    state.currentRoomId = null;
    emit('rooms', 'current', 'messages', 'members', 'typing', 'me', 'invitations');
  }

  return {
    state,
    on,
    emit,
    data,
    upsertRoom,
    removeRoom,
    sortedRooms,
    setUnread,
    addMessages,
    newestMessage,
    oldestMessage,
    timeline,
    addOutgoing,
    updateOutgoing,
    outgoingFor,
    setMembers,
    updateMember,
    setReadMarker,
    seenBy,
    setInvitations,
    addInvitation,
    removeInvitation,
    setPresence,
    isOnline,
    displayName,
    setTyping,
    clearTyping,
    typingUsers,
    reset,
  };
}
