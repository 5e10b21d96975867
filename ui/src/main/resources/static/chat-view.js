// chat-view.js — the logged-in layout: sidebar | conversation | members, the phone drawer,
// toasts, and which store topic re-renders which part.

import { h, icon } from './dom.js';
import { createSidebar } from './sidebar-view.js';
import { createMessagePane } from './messages-view.js';
import { createMembersPanel } from './members-view.js';

const WIDE = '(min-width: 1180px)'; // room for the member list beside the conversation

export function mountChat(root, store, actions) {
  const shell = h('div', { class: 'app-shell' });
  // Page-level listeners end with the session (log out), not with the page.
  const lifetime = new AbortController();
  const layout = {
    signal: lifetime.signal,
    openDrawer: () => shell.classList.add('drawer-open'),
    closeDrawer: () => shell.classList.remove('drawer-open'),
    toggleMembers: () => setMembersOpen(!shell.classList.contains('members-open')),
    openCreate: () => sidebar.openCreate(),
    openDiscover: () => sidebar.openDiscover(),
  };

  const sidebar = createSidebar(store, actions);
  const pane = createMessagePane(store, actions, layout);
  const members = createMembersPanel(store, actions, { onClose: () => setMembersOpen(false) });
  const backdrop = h('div', { class: 'backdrop', onClick: () => { layout.closeDrawer(); if (!matchMedia(WIDE).matches) setMembersOpen(false); } });
  const toasts = h('div', { class: 'toasts', 'aria-live': 'polite' });

  shell.append(sidebar.el, pane.el, members.el, backdrop, toasts, ...sidebar.dialogs);
  root.replaceChildren(shell);
  // The member list is a column on wide screens and an overlay elsewhere: open by default
  // only where it does not cover the conversation, and follow the window across the line.
  const wide = matchMedia(WIDE);
  setMembersOpen(wide.matches);
  wide.addEventListener('change', () => setMembersOpen(wide.matches), { signal: lifetime.signal });

  function setMembersOpen(open) {
    shell.classList.toggle('members-open', open);
    shell.querySelector('.members-toggle')?.setAttribute('aria-pressed', String(open));
  }

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
    layout.closeDrawer();
    if (!matchMedia(WIDE).matches) setMembersOpen(false);
  }, { signal: lifetime.signal });

  // Which part re-renders on which change (topics are batched by the store).
  store.on('connection', () => { sidebar.renderConnection(); pane.renderConnection(); members.render(); });
  store.on('me', sidebar.renderUser);
  store.on('rooms', () => { sidebar.renderRooms(); pane.renderHeader(); renderTitle(); });
  store.on('current', () => {
    pane.setRoom(store.state.currentRoomId);
    sidebar.renderRooms();
    members.render();
  });
  store.on('messages', () => { pane.renderMessages(); sidebar.renderRooms(); });
  store.on('members', () => { members.render(); pane.renderHeader(); });
  store.on('typing', pane.renderTyping);
  store.on('invitations', sidebar.renderInvitations);

  sidebar.renderUser();
  sidebar.renderConnection();
  sidebar.renderRooms();
  sidebar.renderInvitations();
  pane.setRoom(store.state.currentRoomId);
  members.render();

  /** The tab title carries the unread total, so a background tab shows that something arrived. */
  function renderTitle() {
    const unread = [...store.state.rooms.values()].reduce((n, room) => n + (room.unreadCount ?? 0), 0);
    document.title = unread ? `(${unread > 99 ? '99+' : unread}) Parley` : 'Parley';
  }

  /** A short notice at the bottom; an optional action (e.g. Undo) runs at most once. */
  function toast(message, { action, onAction, kind = 'info', timeout = 6000 } = {}) {
    const el = h('div', { class: `toast is-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
      kind === 'error' ? icon('alert', 18) : null,
      h('span', { class: 'toast-text' }, message),
      action ? h('button', { type: 'button', class: 'link-btn', onClick: () => { dismiss(); onAction(); } }, action) : null,
      h('button', { type: 'button', class: 'icon-btn toast-close', 'aria-label': 'Dismiss', onClick: () => dismiss() }, icon('x', 16)));
    const timer = setTimeout(dismiss, timeout);
    function dismiss() {
      clearTimeout(timer);
      el.remove();
    }
    toasts.append(el);
  }

  return {
    toast,
    closeDrawer: layout.closeDrawer,
    isReadingLatest: () => pane.isReadingLatest(),
    destroy: () => {
      lifetime.abort();
      document.title = 'Parley';
    },
  };
}
