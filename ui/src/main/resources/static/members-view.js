// members-view.js — the open room's member list with live presence dots.

import { h, icon, avatar } from './dom.js';

export function createMembersPanel(store, { onClose }) {
  const count = h('span', { class: 'section-count' });
  const body = h('div', { class: 'members-body' });
  const el = h('aside', { class: 'members', id: 'members', 'aria-label': 'Members' },
    h('div', { class: 'members-head' },
      h('h2', {}, 'Members'), count,
      h('button', { type: 'button', class: 'icon-btn members-close', 'aria-label': 'Hide members', onClick: onClose }, icon('x', 18))),
    body);

  function render() {
    const roomId = store.state.currentRoomId;
    const members = roomId ? store.data(roomId).members : null;
    if (!roomId) {
      count.textContent = '';
      body.replaceChildren();
      return;
    }
    if (!members) {
      count.textContent = '';
      body.replaceChildren(h('div', { class: 'members-loading' }, h('span', { class: 'spinner' }), 'Loading members…'));
      return;
    }
    const meId = store.state.me?.id;
    const all = [...members.values()].sort((a, b) =>
      (b.userId === meId) - (a.userId === meId) || (a.displayName ?? '').localeCompare(b.displayName ?? ''));
    const online = all.filter((m) => store.isOnline(m.userId));
    const offline = all.filter((m) => !store.isOnline(m.userId));
    count.textContent = String(all.length);
    // the DOM's own replaceChildren would print a null child as the text "null"
    body.replaceChildren(...[
      section(`Online — ${online.length}`, online, true, meId),
      offline.length ? section(`Offline — ${offline.length}`, offline, false, meId) : null,
    ].filter(Boolean));
  }

  return { el, render };
}

function section(title, members, online, meId) {
  return h('div', { class: 'members-section' },
    h('div', { class: 'members-label' }, title),
    members.map((m) =>
      h('div', { class: `member${online ? ' is-online' : ''}`, testid: 'member', dataset: { userId: m.userId, online: String(online) } },
        h('span', { class: 'avatar-wrap' },
          avatar(m.userId, m.displayName),
          h('span', { class: `presence-dot${online ? ' is-online' : ''}`, title: online ? 'Online' : 'Offline' })),
        h('span', { class: 'member-name' }, m.displayName),
        m.userId === meId ? h('span', { class: 'member-tag' }, 'you') : null)));
}
