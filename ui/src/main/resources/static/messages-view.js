// messages-view.js — the open room: header, message history (grouped by sender and day,
// older pages on scroll), typing indicator and the composer.

import { h, icon, avatar, hueOf, formatTime, formatFull, formatDay, sameDay, roomIcon } from './dom.js';

const MAX_LENGTH = 5000;
const COUNTER_FROM = 4500;
const MAX_IMAGE_URL = 2048;
const GROUP_GAP_MS = 5 * 60 * 1000;
const STICK_PX = 80; // this close to the bottom counts as "reading the latest"
const LOAD_OLDER_PX = 300;

const STATE_ICON = {
  pending: ['clock', 'Sending…'],
  accepted: ['check', 'Sent'],
  delivered: ['checks', 'Delivered'],
  failed: ['alert', 'Not sent'],
};

/**
 * @param shell {{openDrawer, toggleMembers, openCreate, openDiscover, signal}} layout callbacks;
 *   `signal` ends the page-level listeners when the session ends
 */
export function createMessagePane(store, actions, shell) {
  let roomId = null;
  let stick = true; // follow new messages while the user is at the bottom
  let rows = new Map(); // timeline key → {el, sig}: unchanged rows are reused, so images do not reload
  const keyOf = new WeakMap(); // row element → its timeline key
  let lastKey = null;
  let imageMode = false;
  const drafts = new Map(); // roomId → unsent text

  // ---- header ---------------------------------------------------------------------------
  const titleText = h('span', { class: 'room-title-text' });
  const description = h('p', { class: 'room-desc' });
  const meta = h('span', { class: 'header-meta' });
  const leaveButton = h('button', { type: 'button', class: 'btn btn-ghost btn-quiet-danger', testid: 'leave-room-button', title: 'Leave this room', onClick: leave },
    icon('leave', 18), h('span', { class: 'btn-label' }, 'Leave'));
  const titleIcon = h('span', { class: 'room-title-icon' }, icon('hash', 20));
  const seenBy = h('div', { class: 'seen-by', testid: 'seen-by' });
  const header = h('header', { class: 'room-header' },
    menuButton(),
    h('div', { class: 'room-heading' },
      h('h1', { class: 'room-title' }, titleIcon, titleText),
      description),
    h('div', { class: 'header-actions' },
      meta,
      h('button', { type: 'button', class: 'icon-btn members-toggle', testid: 'members-toggle', title: 'Members', 'aria-label': 'Show members', onClick: shell.toggleMembers }, icon('users', 20)),
      leaveButton));

  // ---- history --------------------------------------------------------------------------
  const banner = h('div', { class: 'banner', role: 'status', hidden: true });
  const historyTop = h('div', { class: 'history-top' });
  const list = h('div', { class: 'message-list' });
  const scroller = h('div', { class: 'scroller', role: 'log', 'aria-label': 'Messages', tabindex: '0' }, historyTop, list);
  const jump = h('button', { type: 'button', class: 'jump-pill', hidden: true, onClick: () => scrollToBottom() }, icon('arrowDown', 16), 'New messages');
  const typing = h('div', { class: 'typing', testid: 'typing-indicator', 'aria-live': 'polite', hidden: true });

  scroller.addEventListener('scroll', () => {
    stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < STICK_PX;
    if (stick) {
      jump.hidden = true;
      maybeMarkRead();
    }
    if (scroller.scrollTop < LOAD_OLDER_PX && roomId) actions.loadOlder(roomId);
  }, { passive: true });
  // The pane changes size when the window does, the composer grows or the banner shows:
  // keep following the newest message if that is where the user was.
  new ResizeObserver(() => { if (stick) scroller.scrollTop = scroller.scrollHeight; }).observe(scroller);
  window.addEventListener('resize', () => updateComposer(), { signal: shell.signal });
  document.addEventListener('visibilitychange', maybeMarkRead, { signal: shell.signal });
  window.addEventListener('focus', maybeMarkRead, { signal: shell.signal });

  // ---- composer -------------------------------------------------------------------------
  const input = h('textarea', { class: 'composer-input', testid: 'message-input', rows: 1, 'aria-label': 'Message', enterkeyhint: 'send' });
  const counter = h('span', { class: 'char-count', testid: 'char-count', 'aria-live': 'polite', hidden: true });
  const sendButton = h('button', { type: 'submit', class: 'send-btn', testid: 'send-button', title: 'Send (Enter)', 'aria-label': 'Send', disabled: true }, icon('send', 20));
  const imageButton = h('button', { type: 'button', class: 'icon-btn composer-tool', testid: 'image-toggle', title: 'Send an image by its https:// link', 'aria-pressed': 'false', onClick: toggleImageMode }, icon('image', 20));
  const composerError = h('div', { class: 'composer-error', role: 'alert', hidden: true });
  const composer = h('form', { class: 'composer', onSubmit: (e) => { e.preventDefault(); submit(); } },
    composerError,
    h('div', { class: 'composer-box' }, imageButton, input, counter, sendButton),
    h('div', { class: 'composer-hint' }, h('kbd', {}, 'Enter'), ' to send · ', h('kbd', {}, 'Shift'), ' + ', h('kbd', {}, 'Enter'), ' for a new line'));

  input.addEventListener('keydown', (event) => {
    // isComposing: Enter that confirms an IME candidate must not send half a word.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    drafts.set(roomId, input.value);
    composerError.hidden = true;
    updateComposer();
    if (input.value.trim() && !imageMode) actions.typing(roomId);
  });

  const roomView = h('div', { class: 'room-view' },
    header,
    banner,
    h('div', { class: 'scroller-wrap' }, scroller, jump),
    h('div', { class: 'typing-row' }, typing),
    composer);
  const el = h('section', { class: 'pane', 'aria-label': 'Conversation' });

  function menuButton() {
    return h('button', { type: 'button', class: 'icon-btn menu-btn', testid: 'menu-button', 'aria-label': 'Show rooms', onClick: shell.openDrawer }, icon('menu', 22));
  }

  // ---- room switching -------------------------------------------------------------------

  function setRoom(next) {
    if (next === roomId && el.firstChild) return;
    roomId = next;
    rows = new Map();
    lastKey = null;
    list.replaceChildren();
    jump.hidden = true;
    stick = true;
    setImageMode(false);
    if (!roomId) {
      el.replaceChildren(emptyView());
      return;
    }
    el.replaceChildren(roomView);
    input.value = drafts.get(roomId) ?? '';
    composerError.hidden = true;
    updateComposer();
    renderHeader();
    renderMessages();
    renderTyping();
    renderConnection();
    // Do not pop the keyboard up on phones just because a room was opened.
    if (matchMedia('(hover: hover)').matches) input.focus({ preventScroll: true });
  }

  function emptyView() {
    const me = store.state.me;
    const hasRooms = store.state.rooms.size > 0;
    return h('div', { class: 'empty-view' },
      h('div', { class: 'empty-top' }, menuButton()),
      h('div', { class: 'empty-body' },
        h('div', { class: 'empty-art', 'aria-hidden': 'true' },
          h('div', { class: 'empty-bubble' }), h('div', { class: 'empty-bubble own' }), h('div', { class: 'empty-bubble short' })),
        h('h2', {}, hasRooms ? 'Pick a room' : `Welcome${me?.displayName ? `, ${me.displayName}` : ''}!`),
        h('p', {}, hasRooms ? 'Choose a conversation from the list to start chatting.' : 'Create a room for your team, or discover rooms other people have opened.'),
        h('div', { class: 'empty-actions' },
          h('button', { type: 'button', class: 'btn btn-primary', onClick: shell.openCreate }, icon('plus', 18), 'Create a room'),
          h('button', { type: 'button', class: 'btn btn-soft', onClick: shell.openDiscover }, icon('compass', 18), 'Discover rooms'))));
  }

  // ---- header ---------------------------------------------------------------------------

  function renderHeader() {
    const room = roomId && store.state.rooms.get(roomId);
    if (!room) return;
    titleText.textContent = room.name;
    const kindIcon = roomIcon(room);
    if (titleIcon.dataset.icon !== kindIcon) {
      titleIcon.dataset.icon = kindIcon;
      titleIcon.replaceChildren(icon(kindIcon, 20));
    }
    // a direct room cannot be left (the server answers DIRECT_ROOM)
    leaveButton.hidden = room.kind === 'DIRECT';
    description.textContent = room.description ?? '';
    description.hidden = !room.description;
    const members = store.data(roomId).members;
    const total = members ? members.size : room.memberCount ?? 0;
    const online = members ? [...members.keys()].filter(store.isOnline).length : null;
    meta.textContent = `${total} ${total === 1 ? 'member' : 'members'}${online != null ? ` · ${online} online` : ''}`;
  }

  function renderConnection() {
    const state = store.state.connection;
    banner.hidden = state === 'online' || state === 'connecting';
    banner.replaceChildren(h('span', { class: 'spinner' }),
      state === 'offline' ? 'Offline.' : 'Reconnecting… Messages you send now are delivered when the connection is back.');
  }

  // ---- messages -------------------------------------------------------------------------

  function renderMessages() {
    if (!roomId) return;
    const d = store.data(roomId);
    const items = store.timeline(roomId);
    const wasStick = stick;
    // Remember where the first visible row sits by its key: the row itself may be rebuilt
    // (e.g. it stops being first of its group once an older page lands above it).
    const anchorEl = wasStick ? null : firstVisibleRow();
    const anchorKey = anchorEl && keyOf.get(anchorEl);
    const anchorTop = anchorEl?.getBoundingClientRect().top;

    renderHistoryTop(d, items.length);

    const nodes = [];
    const nextRows = new Map();
    items.forEach((item, i) => {
      const prev = items[i - 1];
      const next = items[i + 1];
      if (!prev || !sameDay(prev.createdAt, item.createdAt)) nodes.push(dayDivider(item.createdAt, nextRows));
      const first = !prev || !groups(prev, item);
      const last = !next || !groups(item, next);
      const name = item.own ? 'You' : store.displayName(roomId, item.senderId);
      const sig = JSON.stringify([item.state, item.id, item.content, item.type, item.error, first, last, name]);
      let row = rows.get(item.key);
      if (!row || row.sig !== sig) {
        row = { el: messageRow(item, first, last, name), sig };
        keyOf.set(row.el, item.key);
      }
      nextRows.set(item.key, row);
      nodes.push(row.el);
    });
    rows = nextRows;
    const newestItem = items[items.length - 1];
    const readers = newestItem ? store.seenBy(roomId, newestItem) : [];
    if (readers.length) {
      seenBy.textContent = `Seen by ${readers.map((m) => m.displayName).join(', ')}`;
      nodes.push(seenBy);
    }
    // Put each node in place, moving only what is out of order; leftovers end up at the tail.
    nodes.forEach((node, i) => {
      if (list.children[i] !== node) list.insertBefore(node, list.children[i] ?? null);
    });
    while (list.children.length > nodes.length) list.lastElementChild.remove();

    const newest = items[items.length - 1];
    const grew = newest && newest.key !== lastKey;
    lastKey = newest?.key ?? null;
    const anchor = anchorKey && rows.get(anchorKey)?.el;
    if (wasStick || (grew && newest.own && newest.state === 'pending')) scrollToBottom();
    else if (anchor) scroller.scrollTop += anchor.getBoundingClientRect().top - anchorTop;
    if (!wasStick && grew && !newest.own) jump.hidden = false;
    maybeMarkRead();
  }

  const groups = (a, b) =>
    a.senderId === b.senderId && sameDay(a.createdAt, b.createdAt) && new Date(b.createdAt) - new Date(a.createdAt) < GROUP_GAP_MS;

  function renderHistoryTop(d, count) {
    const room = store.state.rooms.get(roomId);
    let content;
    if (d.historyError && !d.historyLoaded) {
      content = h('div', { class: 'history-state is-error' }, 'Could not load messages. ',
        h('button', { type: 'button', class: 'link-btn', onClick: () => actions.openRoom(roomId, { reload: true }) }, 'Try again'));
    } else if (!d.historyLoaded || d.loadingOlder) {
      content = h('div', { class: 'history-state' }, h('span', { class: 'spinner' }), 'Loading messages…');
    } else if (d.hasOlder) {
      content = h('button', { type: 'button', class: 'btn btn-ghost btn-small load-older', testid: 'load-older', onClick: () => actions.loadOlder(roomId) }, 'Load older messages');
    } else {
      content = h('div', { class: 'room-intro' },
        h('span', { class: 'room-intro-icon' }, icon(roomIcon(room), 28)),
        h('h2', {}, room?.kind === 'DIRECT' ? `Your conversation with ${room.name}` : `Welcome to #${room?.name ?? ''}`),
        h('p', {}, room?.description || (room?.kind === 'DIRECT' ? 'Only the two of you can read it.' : 'This is the very beginning of the room.')),
        count === 0 ? h('p', { class: 'room-intro-hint' }, 'No messages yet — say hello!') : null);
    }
    historyTop.replaceChildren(content);
  }

  function dayDivider(iso, nextRows) {
    const label = formatDay(iso);
    const key = `d:${label}`;
    let row = rows.get(key);
    if (!row) {
      row = { el: h('div', { class: 'day-divider', role: 'separator' }, h('span', {}, label)) };
      keyOf.set(row.el, key);
    }
    nextRows.set(key, row);
    return row.el;
  }

  function messageRow(item, first, last, name) {
    const dataset = { state: item.state };
    if (item.id) dataset.messageId = item.id;
    if (item.clientMsgId) dataset.clientMsgId = item.clientMsgId;
    const classes = ['msg', item.own ? 'is-own' : 'is-other', first ? 'is-first' : '', last ? 'is-last' : '', `is-${item.state}`];
    const [stateIcon, stateLabel] = STATE_ICON[item.state] ?? STATE_ICON.delivered;
    return h('div', { class: classes.filter(Boolean).join(' '), testid: 'message', dataset },
      item.own ? null : h('div', { class: 'msg-gutter' }, first ? avatar(item.senderId, name) : null),
      h('div', { class: 'msg-body' },
        first && !item.own ? h('div', { class: 'msg-head' }, h('span', { class: 'msg-author', style: `--hue:${hueOf(item.senderId)}` }, name)) : null,
        // --meta-ch sizes the space kept free for the time/status on the last line of text.
        h('div', { class: `bubble${item.type === 'IMAGE' ? ' is-image' : ''}`, style: `--meta-ch:${formatTime(item.createdAt).length}` },
          messageContent(item, name),
          h('span', { class: 'msg-meta' },
            h('time', { datetime: item.createdAt, title: formatFull(item.createdAt) }, formatTime(item.createdAt)),
            item.own ? h('span', { class: 'msg-state', title: stateLabel, 'aria-label': stateLabel }, icon(stateIcon, 15)) : null)),
        item.state === 'failed'
          ? h('div', { class: 'msg-failed', role: 'alert' },
              h('span', {}, item.error || 'Not sent.'),
              h('button', { type: 'button', class: 'link-btn', testid: 'retry-button', onClick: () => actions.retry(item.clientMsgId) }, icon('retry', 14), 'Retry'))
          : null));
  }

  function messageContent(item, name) {
    const box = h('div', { class: 'msg-content', testid: 'message-content' });
    const url = item.type === 'IMAGE' ? httpsUrl(item.content) : null;
    if (url) {
      // referrerpolicy and loading are set before src so the very first request honours them.
      const img = h('img', { referrerpolicy: 'no-referrer', loading: 'lazy', decoding: 'async', alt: `Image from ${name}`, src: url });
      img.addEventListener('load', () => { if (stick) scrollToBottom(); });
      img.addEventListener('error', () => img.replaceWith(h('span', { class: 'img-broken' }, icon('image', 18), 'Image unavailable')));
      box.append(h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'img-link' }, img));
    } else {
      appendLinkified(box, item.content ?? '');
    }
    return box;
  }

  function firstVisibleRow() {
    const top = scroller.getBoundingClientRect().top;
    // Messages only: a day divider can move when an older page of the same day lands above it.
    for (const child of list.children) if (child.classList.contains('msg') && child.getBoundingClientRect().bottom > top) return child;
    return null;
  }

  function scrollToBottom() {
    scroller.scrollTop = scroller.scrollHeight;
    stick = true;
    jump.hidden = true;
  }

  function maybeMarkRead() {
    if (isReadingLatest()) actions.markRead(roomId);
  }

  /** True when the newest message of the open room is on screen for the user to see. */
  function isReadingLatest() {
    return Boolean(roomId && stick && document.visibilityState === 'visible' && store.data(roomId).historyLoaded);
  }

  // ---- typing ---------------------------------------------------------------------------

  function renderTyping() {
    if (!roomId) return;
    const names = store.typingUsers(roomId).filter((id) => id !== store.state.me?.id).map((id) => store.displayName(roomId, id));
    typing.hidden = names.length === 0;
    if (!names.length) return typing.replaceChildren();
    const text = names.length === 1 ? `${names[0]} is typing…`
      : names.length === 2 ? `${names[0]} and ${names[1]} are typing…`
        : 'Several people are typing…';
    typing.replaceChildren(h('span', { class: 'typing-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), h('span', {}, text));
  }

  // ---- composer -------------------------------------------------------------------------

  function toggleImageMode() {
    setImageMode(!imageMode);
    input.focus();
  }

  function setImageMode(on) {
    imageMode = on;
    imageButton.setAttribute('aria-pressed', String(on));
    imageButton.classList.toggle('is-active', on);
    const room = roomId && store.state.rooms.get(roomId);
    input.placeholder = on ? 'Paste an https:// image link' : `Message ${room?.kind === 'DIRECT' ? '' : '#'}${room?.name ?? ''}`;
    composerError.hidden = true;
    updateComposer();
  }

  function updateComposer() {
    const length = input.value.length;
    const over = length > MAX_LENGTH;
    counter.hidden = imageMode || length < COUNTER_FROM;
    counter.textContent = `${length.toLocaleString()} / ${MAX_LENGTH.toLocaleString()}`;
    counter.classList.toggle('is-over', over);
    sendButton.disabled = !input.value.trim() || (!imageMode && over);
    // Grow with the text up to a cap, then scroll inside.
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
  }

  function submit() {
    if (!roomId) return;
    const content = input.value.trim();
    if (!content) return;
    if (imageMode) {
      if (!httpsUrl(content) || content.length > MAX_IMAGE_URL) return showComposerError('Image links must start with https:// and be at most 2048 characters.');
    } else if (content.length > MAX_LENGTH) {
      return showComposerError(`Messages can be at most ${MAX_LENGTH.toLocaleString()} characters.`);
    }
    stick = true;
    actions.send(roomId, content, imageMode ? 'IMAGE' : 'TEXT');
    input.value = '';
    drafts.delete(roomId);
    setImageMode(false);
    input.focus();
  }

  function showComposerError(message) {
    composerError.textContent = message;
    composerError.hidden = false;
  }

  async function leave() {
    leaveButton.disabled = true;
    try {
      await actions.leaveRoom(roomId);
    } finally {
      leaveButton.disabled = false;
    }
  }

  return { el, setRoom, renderHeader, renderMessages, renderTyping, renderConnection, isReadingLatest, get roomId() { return roomId; } };
}

/** The URL if it is an absolute https:// URL, else null: nothing else is ever loaded as an image. */
function httpsUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const LINK_RE = /\bhttps?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]}]/g;

/** Appends text, turning http(s) links into anchors; everything stays a text node. */
function appendLinkified(box, text) {
  let at = 0;
  for (const match of text.matchAll(LINK_RE)) {
    if (match.index > at) box.append(text.slice(at, match.index));
    box.append(h('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer nofollow' }, match[0]));
    at = match.index + match[0].length;
  }
  if (at < text.length) box.append(text.slice(at));
}
