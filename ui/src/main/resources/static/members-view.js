// members-view.js — the open room's member list with live presence dots and roles; invite by
// e-mail, a direct message to a member, and (for the room's OWNER and ADMINs) roles, removal and bans.

import { h, icon, avatar } from './dom.js';

const ROLE_TAG = { OWNER: 'owner', ADMIN: 'admin' };

export function createMembersPanel(store, actions, { onClose }) {
  const count = h('span', { class: 'section-count' });
  const body = h('div', { class: 'members-body' });
  const invite = createInviteForm(store, actions);
  const el = h('aside', { class: 'members', id: 'members', 'aria-label': 'Members' },
    h('div', { class: 'members-head' },
      h('h2', {}, 'Members'), count,
      h('button', { type: 'button', class: 'icon-btn members-close', 'aria-label': 'Hide members', onClick: onClose }, icon('x', 18))),
    invite.el,
    body);

  function render() {
    const roomId = store.state.currentRoomId;
    const room = roomId ? store.state.rooms.get(roomId) : null;
    const members = roomId ? store.data(roomId).members : null;
    invite.show(room);
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
    const context = { room, meId, actions };
    // the DOM's own replaceChildren would print a null child as the text "null"
    body.replaceChildren(...[
      section(`Online — ${online.length}`, online, true, context),
      offline.length ? section(`Offline — ${offline.length}`, offline, false, context) : null,
    ].filter(Boolean));
  }

  return { el, render };
}

/** Who may invite: to a private room its OWNER and ADMINs, to a public one any member; never to a direct room. */
function mayInvite(room) {
  if (!room || room.kind === 'DIRECT' || !room.myRole) return false;
  return room.visibility !== 'PRIVATE' || room.myRole !== 'MEMBER';
}

function createInviteForm(store, actions) {
  const email = h('input', { type: 'email', testid: 'invite-email', placeholder: 'Invite by e-mail address', autocomplete: 'off',
    'aria-label': 'E-mail address to invite', maxlength: 254 });
  const submit = h('button', { type: 'submit', class: 'btn btn-soft btn-small', testid: 'invite-submit' }, icon('mail', 16), 'Invite');
  const result = h('div', { class: 'invite-result', testid: 'invite-result', role: 'status', hidden: true });
  const el = h('form', { class: 'invite-form', novalidate: true, hidden: true, onSubmit },
    h('div', { class: 'invite-row' }, email, submit), result);
  let roomId = null;

  async function onSubmit(event) {
    event.preventDefault();
    const address = email.value.trim();
    if (!address) return;
    const target = roomId;
    submit.disabled = true;
    try {
      const name = await actions.inviteByEmail(target, address);
      say(`${name} is invited.`, false);
      email.value = '';
    } catch (error) {
      say(error.fieldErrors?.[0]?.message ? `That is not an e-mail address (${error.fieldErrors[0].message}).` : error.message, true);
    } finally {
      submit.disabled = false;
    }
  }

  function say(text, isError) {
    result.textContent = text;
    result.classList.toggle('is-error', isError);
    result.hidden = false;
  }

  return {
    el,
    /** Shown only where the user may invite; switching rooms clears it. */
    show(room) {
      el.hidden = !mayInvite(room);
      if (room?.id !== roomId) {
        roomId = room?.id ?? null;
        email.value = '';
        result.hidden = true;
      }
    },
  };
}

function section(title, members, online, context) {
  return h('div', { class: 'members-section' },
    h('div', { class: 'members-label' }, title),
    members.map((m) =>
      h('div', { class: `member${online ? ' is-online' : ''}`, testid: 'member', dataset: { userId: m.userId, online: String(online), role: m.role ?? 'MEMBER' } },
        h('div', { class: 'member-line' },
          h('span', { class: 'avatar-wrap' },
            avatar(m.userId, m.displayName),
            h('span', { class: `presence-dot${online ? ' is-online' : ''}`, title: online ? 'Online' : 'Offline' })),
          h('span', { class: 'member-name' }, m.displayName),
          m.userId === context.meId ? h('span', { class: 'member-tag' }, 'you') : null,
          ROLE_TAG[m.role] ? h('span', { class: `member-tag is-${ROLE_TAG[m.role]}`, testid: 'member-role' }, ROLE_TAG[m.role]) : null),
        m.userId === context.meId ? null : memberActions(m, context))));
}

/** What the viewer may do to this member, by the rules of PROTOCOL-1.1 §2 (the server decides; this only hides what it would refuse). */
function memberActions(member, { room, actions }) {
  const buttons = [];
  const add = (label, testid, run, danger = false) => buttons.push(h('button', {
    type: 'button', class: `member-action${danger ? ' is-danger' : ''}`, testid, title: label, onClick: run }, label));
  if (room.kind !== 'DIRECT') {
    add('Message', 'dm-button', () => actions.openDirect(member.userId).catch(() => {}));
    const mine = room.myRole;
    const theirs = member.role ?? 'MEMBER';
    if (mine === 'OWNER') {
      if (theirs === 'MEMBER') add('Make admin', 'make-admin', () => actions.moderate(room.id, member.userId, 'ADMIN'));
      if (theirs === 'ADMIN') add('Make member', 'make-member', () => actions.moderate(room.id, member.userId, 'MEMBER'));
      add('Make owner', 'make-owner', () => {
        if (confirm(`Hand the room over to ${member.displayName}? You become an admin.`)) actions.moderate(room.id, member.userId, 'OWNER');
      });
    }
    const mayModerate = mine === 'OWNER' || (mine === 'ADMIN' && theirs === 'MEMBER');
    if (mayModerate) {
      add('Remove', 'remove-member', () => actions.moderate(room.id, member.userId, 'remove'), true);
      add('Ban', 'ban-member', () => {
        if (confirm(`Ban ${member.displayName}? They cannot rejoin until unbanned.`)) actions.moderate(room.id, member.userId, 'ban');
      }, true);
    }
  }
  return buttons.length ? h('span', { class: 'member-actions' }, buttons) : null;
}
