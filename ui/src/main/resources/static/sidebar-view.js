// sidebar-view.js — the sidebar (connection state, room list with unread badges, current
// user with log-out and sessions) and the two room dialogs (create, discover).

import { h, icon, logo, avatar, modal, formatActivity, formatCount, roomIcon } from './dom.js';
import { createSessionsDialog } from './sessions-view.js';

const CONNECTION_LABEL = { connecting: 'Connecting…', online: 'Online', reconnecting: 'Reconnecting…', offline: 'Offline' };

export function createSidebar(store, actions) {
  const connection = h('span', { class: 'conn', testid: 'connection-state', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'conn-dot' }), h('span', { class: 'conn-label' }));
  const list = h('nav', { class: 'room-list', 'aria-label': 'Your rooms' });
  const emptyList = h('div', { class: 'room-list-empty', hidden: true },
    h('p', {}, 'You are not in any room yet.'),
    h('p', {}, 'Create one, or discover rooms others have opened.'));
  const roomCount = h('span', { class: 'section-count' });
  const invitationList = h('div', { class: 'invitation-list', testid: 'invitations', hidden: true });
  const userCard = h('div', { class: 'user-card' });
  const items = new Map(); // roomId → element, updated in place so a click never lands on a replaced node

  const createDialog = createRoomDialog(actions);
  const discoverDialog = createDiscoverDialog(actions);
  const sessionsDialog = createSessionsDialog(actions);

  const el = h('aside', { class: 'sidebar', id: 'sidebar', 'aria-label': 'Rooms' },
    h('div', { class: 'sidebar-head' },
      h('div', { class: 'brand' }, logo(30), h('span', {}, 'Parley')),
      connection),
    h('div', { class: 'sidebar-actions' },
      h('button', { type: 'button', class: 'btn btn-soft', testid: 'create-room-button', onClick: () => createDialog.open() }, icon('plus', 18), 'New room'),
      h('button', { type: 'button', class: 'btn btn-ghost', testid: 'discover-button', onClick: () => discoverDialog.open() }, icon('compass', 18), 'Discover')),
    invitationList,
    h('div', { class: 'section-label' }, h('span', {}, 'Rooms'), roomCount),
    list,
    emptyList,
    userCard);

  function renderConnection() {
    const state = store.state.connection;
    connection.dataset.state = state;
    connection.querySelector('.conn-label').textContent = CONNECTION_LABEL[state] ?? state;
    connection.title = state === 'online' ? 'Connected — messages arrive live' : 'Not connected — new messages will arrive when the connection is back';
  }

  function renderRooms() {
    const rooms = store.sortedRooms();
    const seen = new Set();
    rooms.forEach((room, index) => {
      seen.add(room.id);
      let item = items.get(room.id);
      if (!item) {
        item = roomItem(room.id);
        items.set(room.id, item);
      }
      updateRoomItem(item, room);
      // Move only what is out of place, so focus and hover survive a re-order.
      if (list.children[index] !== item) list.insertBefore(item, list.children[index] ?? null);
    });
    for (const [id, item] of items) {
      if (!seen.has(id)) {
        item.remove();
        items.delete(id);
      }
    }
    roomCount.textContent = rooms.length ? String(rooms.length) : '';
    emptyList.hidden = rooms.length > 0;
  }

  /** Pending invitations to me, each with Join and Decline. */
  function renderInvitations() {
    const invitations = [...store.state.invitations.values()];
    invitationList.hidden = invitations.length === 0;
    invitationList.replaceChildren(...(invitations.length ? [
      h('div', { class: 'section-label' }, h('span', {}, 'Invitations'), h('span', { class: 'section-count' }, String(invitations.length))),
      ...invitations.map(invitationRow)] : []));
  }

  function invitationRow({ room }) {
    const accept = h('button', { type: 'button', class: 'btn btn-primary btn-small', testid: 'accept-invitation' }, 'Join');
    const decline = h('button', { type: 'button', class: 'btn btn-ghost btn-small', testid: 'decline-invitation' }, 'Decline');
    const busy = async (button, action) => {
      accept.disabled = decline.disabled = true;
      button.classList.add('is-busy');
      try {
        await action(room.id);
      } catch (error) {
        accept.disabled = decline.disabled = false;
        button.classList.remove('is-busy');
        button.title = error.message;
      }
    };
    accept.addEventListener('click', () => busy(accept, actions.acceptInvitation));
    decline.addEventListener('click', () => busy(decline, actions.declineInvitation));
    return h('div', { class: 'invitation', testid: 'invitation', dataset: { roomId: room.id } },
      h('span', { class: 'room-avatar', style: `--hue:${hueForRoom(room.id)}` }, icon(roomIcon(room), 18)),
      h('span', { class: 'invitation-name' }, room.name),
      accept, decline);
  }

  function roomItem(roomId) {
    return h('button', { type: 'button', class: 'room-item', testid: 'room-item', dataset: { roomId }, onClick: () => actions.openRoom(roomId) },
      h('span', { class: 'room-avatar' }, icon('hash', 18)),
      h('span', { class: 'room-main' },
        h('span', { class: 'room-line' }, h('span', { class: 'room-name' }), h('time', { class: 'room-time' })),
        h('span', { class: 'room-line' }, h('span', { class: 'room-preview' }),
          h('span', { class: 'badge', testid: 'unread-badge', hidden: true }))));
  }

  function updateRoomItem(item, room) {
    const unread = room.unreadCount ?? 0;
    const current = room.id === store.state.currentRoomId;
    item.classList.toggle('is-current', current);
    item.classList.toggle('has-unread', unread > 0);
    if (current) item.setAttribute('aria-current', 'page');
    else item.removeAttribute('aria-current');
    item.title = room.description ? `${room.name} — ${room.description}` : room.name;
    const avatarEl = item.querySelector('.room-avatar');
    avatarEl.style.setProperty('--hue', hueForRoom(room.id));
    if (avatarEl.dataset.icon !== roomIcon(room)) {
      avatarEl.dataset.icon = roomIcon(room);
      avatarEl.replaceChildren(icon(roomIcon(room), 18));
    }
    item.dataset.kind = room.kind ?? 'GROUP';
    item.dataset.visibility = room.visibility ?? 'PUBLIC';
    item.querySelector('.room-name').textContent = room.name;
    const time = item.querySelector('.room-time');
    const activity = room.lastMessageAt ?? room.createdAt;
    time.textContent = formatActivity(activity);
    if (activity) time.dateTime = activity;
    item.querySelector('.room-preview').textContent = preview(room);
    const badge = item.querySelector('.badge');
    badge.textContent = formatCount(unread);
    badge.dataset.count = String(unread);
    badge.hidden = unread === 0;
    badge.setAttribute('aria-label', `${unread} unread`);
  }

  function preview(room) {
    const last = store.newestMessage(room.id);
    if (last) {
      const who = last.senderId === store.state.me?.id ? 'You' : store.displayName(room.id, last.senderId).split(' ')[0];
      const what = last.type === 'IMAGE' ? 'sent an image' : last.content.replace(/\s+/g, ' ');
      return last.type === 'IMAGE' ? `${who} ${what}` : `${who}: ${what}`;
    }
    if (room.description) return room.description;
    if (!room.lastMessageId) return 'No messages yet';
    const members = room.memberCount ?? 0;
    return `${members} ${members === 1 ? 'member' : 'members'}`;
  }

  function renderUser() {
    const me = store.state.me;
    if (!me) return;
    userCard.replaceChildren(
      h('span', { class: 'avatar-wrap' }, avatar(me.id, me.displayName || me.email), h('span', { class: 'presence-dot is-online' })),
      h('span', { class: 'user-text' },
        h('span', { class: 'user-name', testid: 'current-user', dataset: { userId: me.id } }, me.displayName || me.email),
        h('span', { class: 'user-email' }, me.email)),
      h('button', { type: 'button', class: 'icon-btn', testid: 'sessions-button', title: 'Your sessions', 'aria-label': 'Your sessions', onClick: () => sessionsDialog.open() }, icon('devices', 19)),
      h('button', { type: 'button', class: 'icon-btn', testid: 'logout-button', title: 'Log out', 'aria-label': 'Log out', onClick: () => actions.logout() }, icon('logout', 19)));
  }

  // Dialogs live outside the sidebar: on phones the sidebar is an off-screen drawer.
  return {
    el,
    dialogs: [createDialog.el, discoverDialog.el, sessionsDialog.el],
    openCreate: () => createDialog.open(),
    openDiscover: () => discoverDialog.open(),
    renderConnection,
    renderRooms,
    renderInvitations,
    renderUser,
  };
}

/** Rooms get a muted hue from their id, so the list is easy to scan. */
function hueForRoom(id) {
  let hash = 7;
  for (const ch of String(id)) hash = (hash * 33 + ch.charCodeAt(0)) >>> 0;
  return String(hash % 360);
}

// ---- dialogs ----------------------------------------------------------------------------

function createRoomDialog(actions) {
  const name = h('input', { id: 'room-name', testid: 'room-name-input', maxlength: 100, autocomplete: 'off', placeholder: 'e.g. design-review' });
  const description = h('textarea', { id: 'room-description', testid: 'room-description-input', maxlength: 500, rows: 3, placeholder: 'What is this room about? (optional)' });
  const isPrivate = h('input', { type: 'checkbox', id: 'room-private', testid: 'room-private-input' });
  const nameError = h('div', { class: 'field-error', testid: 'room-name-error', hidden: true });
  const descriptionError = h('div', { class: 'field-error', testid: 'room-description-error', hidden: true });
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'create-room-submit' }, 'Create room');
  const errorSlots = { name: nameError, description: descriptionError };

  const form = h('form', { class: 'modal-body', novalidate: true, onSubmit: onSubmit },
    formError,
    h('div', { class: 'field' }, h('label', { for: 'room-name' }, 'Name'), name, nameError),
    h('div', { class: 'field' }, h('label', { for: 'room-description' }, 'Description ', h('span', { class: 'optional' }, 'optional')), description, descriptionError),
    h('label', { class: 'check-field', for: 'room-private' }, isPrivate,
      h('span', {}, h('strong', {}, 'Private'), ' — only people you invite can find and join it')),
    h('div', { class: 'modal-actions' },
      h('button', { type: 'button', class: 'btn btn-ghost', onClick: () => el.close() }, 'Cancel'),
      submit));
  const el = modal('Create a room', 'You will be its owner; others can find a public room under Discover and join.', form);
  const inputs = { name, description };

  function clearErrors() {
    formError.hidden = true;
    for (const slot of Object.values(errorSlots)) {
      slot.hidden = true;
      slot.textContent = '';
    }
    Object.values(inputs).forEach((input) => input.removeAttribute('aria-invalid'));
  }

  function showError(field, message) {
    const slot = errorSlots[field];
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
      inputs[field].setAttribute('aria-invalid', 'true');
    } else {
      formError.textContent = message;
      formError.hidden = false;
    }
  }

  async function onSubmit(event) {
    event.preventDefault();
    clearErrors();
    const values = { name: name.value.trim(), description: description.value.trim(), visibility: isPrivate.checked ? 'PRIVATE' : 'PUBLIC' };
    if (!values.name) return showError('name', 'Give the room a name.');
    submit.disabled = true;
    submit.classList.add('is-busy');
    try {
      await actions.createRoom(values);
      el.close();
    } catch (error) {
      if (error.fieldErrors?.length) error.fieldErrors.forEach(({ field, message }) => showError(field, message));
      else showError(null, error.message);
    } finally {
      submit.disabled = false;
      submit.classList.remove('is-busy');
    }
  }

  return {
    el,
    open() {
      form.reset();
      clearErrors();
      el.showModal();
      name.focus();
    },
  };
}

function createDiscoverDialog(actions) {
  const search = h('input', { type: 'search', testid: 'discover-search', placeholder: 'Search rooms by name', autocomplete: 'off', 'aria-label': 'Search rooms' });
  const results = h('div', { class: 'discover-results', role: 'list', 'aria-live': 'polite' });
  let debounce = null;
  let generation = 0; // answers to older queries are dropped, so results never flicker back

  const body = h('div', { class: 'modal-body' },
    h('div', { class: 'search-box' }, icon('search', 18), search),
    results);
  const el = modal('Discover rooms', 'Join a room to read its history and talk with its members.', body);

  search.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(load, 250);
  });

  async function load() {
    const mine = ++generation;
    results.replaceChildren(h('div', { class: 'discover-state' }, h('span', { class: 'spinner' }), 'Searching…'));
    try {
      const rooms = await actions.discover(search.value.trim());
      if (mine !== generation) return;
      if (!rooms.length) {
        results.replaceChildren(h('div', { class: 'discover-state' }, search.value.trim() ? 'No rooms match your search.' : 'There are no other rooms to join right now.'));
        return;
      }
      results.replaceChildren(...rooms.map(resultRow));
    } catch (error) {
      if (mine !== generation) return;
      results.replaceChildren(h('div', { class: 'discover-state is-error' }, error.message,
        h('button', { type: 'button', class: 'btn btn-ghost btn-small', onClick: load }, 'Try again')));
    }
  }

  function resultRow(room) {
    const join = h('button', { type: 'button', class: 'btn btn-primary btn-small', testid: 'join-button' }, 'Join');
    join.addEventListener('click', async () => {
      join.disabled = true;
      join.classList.add('is-busy');
      try {
        await actions.joinRoom(room);
        el.close();
      } catch (error) {
        join.disabled = false;
        join.classList.remove('is-busy');
        join.textContent = 'Retry';
        join.title = error.message;
      }
    });
    const members = room.memberCount ?? 0;
    return h('div', { class: 'discover-result', role: 'listitem', testid: 'discover-result', dataset: { roomId: room.id } },
      h('span', { class: 'room-avatar', style: `--hue:${hueForRoom(room.id)}` }, icon('hash', 18)),
      h('div', { class: 'discover-text' },
        h('div', { class: 'discover-name' }, room.name),
        room.description ? h('div', { class: 'discover-desc' }, room.description) : null,
        h('div', { class: 'discover-meta' }, `${members} ${members === 1 ? 'member' : 'members'}`,
          room.lastMessageAt ? ` · active ${formatActivity(room.lastMessageAt)}` : '')),
      join);
  }

  return {
    el,
    open() {
      search.value = '';
      el.showModal();
      search.focus();
      load();
    },
  };
}
