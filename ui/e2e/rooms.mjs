#!/usr/bin/env node
// rooms.mjs — the browser test of private rooms, invitations, roles, moderation and direct
// messages, with their live frames, against a running gateway.
//
//   node rooms.mjs --url http://127.0.0.1:3000 --out ./screenshots
//
// Three users, each in their own browser context: Olivia creates a private room and invites Ada
// by e-mail; Ada sees the invitation arrive live and joins; Eve declines hers; Olivia makes Ada an
// admin (both see the role live); Ada starts a direct conversation with Olivia from the member list
// (it appears live in Olivia's list, named after Ada) and they talk in it, Ada seeing "Seen by Olivia"
// once Olivia has read it; Olivia invites Eve again,
// Eve joins and is removed (her room goes at once, with a notice); Olivia bans Ada, whose room
// goes too. Screenshots at key steps into --out; on failure failure-*.png and every console.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { createHarness } from './harness.mjs';

const TOTAL_TIMEOUT_MS = 180_000;

const { values: args } = parseArgs({ options: { url: { type: 'string' }, out: { type: 'string', default: 'screenshots' } } });
if (!args.url) {
  console.error('usage: node rooms.mjs --url http://127.0.0.1:PORT [--out DIR]');
  process.exit(2);
}
const t = createHarness({ baseUrl: args.url.replace(/\/+$/, ''), outDir: path.resolve(args.out) });
const { step, byTestId, shot, expectVisible, expectGone } = t;
const roomName = `private-${t.stamp}`;

const roomItem = (user, roomId) => user.page.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`);
const memberRow = (viewer, member) => viewer.page.locator(`[data-testid="member"][data-user-id="${member.id}"]`);

async function invite(owner, guest) {
  await byTestId(owner.page, 'invite-email').fill(guest.email);
  await byTestId(owner.page, 'invite-submit').click();
  await expectVisible(byTestId(owner.page, 'invite-result').filter({ hasText: `${guest.name} is invited` }), `"${guest.name} is invited" for ${owner.name}`);
}

async function invitationFor(guest, roomId) {
  const row = guest.page.locator(`[data-testid="invitation"][data-room-id="${roomId}"]`);
  await expectVisible(row, `the invitation to ${roomId} in ${guest.name}'s sidebar, live`);
  return row;
}

/** Hovers the member's row (its actions show on hover) and clicks one of them. */
async function memberAction(viewer, member, action) {
  const row = memberRow(viewer, member);
  await row.hover();
  await row.locator(`[data-testid="${action}"]`).click();
}

async function scenario([olivia, ada, eve]) {
  for (const user of [olivia, ada, eve]) {
    step(`${user.name} registers`);
    await t.register(user);
  }

  step(`${olivia.name} creates the private room ${roomName}`);
  await byTestId(olivia.page, 'create-room-button').click();
  await byTestId(olivia.page, 'room-name-input').fill(roomName);
  await byTestId(olivia.page, 'room-private-input').check();
  await byTestId(olivia.page, 'create-room-submit').click();
  const created = olivia.page.locator('[data-testid="room-item"][aria-current="page"][data-visibility="PRIVATE"]').filter({ hasText: roomName });
  await expectVisible(created, `the new private room open for ${olivia.name}`);
  const roomId = await created.getAttribute('data-room-id');
  await expectVisible(memberRow(olivia, olivia).locator('[data-testid="member-role"]', { hasText: 'owner' }), `${olivia.name} marked owner`);

  step(`${olivia.name} invites ${ada.name} by e-mail; the invitation reaches ${ada.name} live`);
  await invite(olivia, ada);
  const adaInvitation = await invitationFor(ada, roomId);
  await shot(ada, 'r01-invitation-arrives.png');
  await adaInvitation.locator('[data-testid="accept-invitation"]').click();
  await expectVisible(roomItem(ada, roomId).and(ada.page.locator('[aria-current="page"]')), `the room open for ${ada.name} after joining`);
  await expectVisible(memberRow(olivia, ada), `${ada.name} in ${olivia.name}'s member list, live`);

  step(`${olivia.name} invites ${eve.name}, who declines`);
  await invite(olivia, eve);
  const eveInvitation = await invitationFor(eve, roomId);
  await eveInvitation.locator('[data-testid="decline-invitation"]').click();
  await expectGone(eveInvitation, `${eve.name}'s declined invitation`);
  if (await roomItem(eve, roomId).count()) throw new Error(`${eve.name} declined, yet the room is in her list`);

  step(`${olivia.name} makes ${ada.name} an admin; both see it live`);
  await memberAction(olivia, ada, 'make-admin');
  for (const viewer of [olivia, ada]) {
    await expectVisible(memberRow(viewer, ada).locator('[data-testid="member-role"]', { hasText: 'admin' }), `${ada.name} marked admin for ${viewer.name}`);
  }
  await shot(olivia, 'r02-roles-owner-view.png');

  step(`${ada.name} starts a direct conversation with ${olivia.name} from the member list`);
  await memberAction(ada, olivia, 'dm-button');
  const adaDirect = ada.page.locator('[data-testid="room-item"][data-kind="DIRECT"][aria-current="page"]').filter({ hasText: olivia.name });
  await expectVisible(adaDirect, `the direct room named ${olivia.name} open for ${ada.name}`);
  const directId = await adaDirect.getAttribute('data-room-id');
  await expectVisible(roomItem(olivia, directId).filter({ hasText: ada.name }), `the direct room, named ${ada.name}, in ${olivia.name}'s list, live`);
  await t.send(ada, 'Just between us: thanks for the invite!');
  await roomItem(olivia, directId).click();
  await expectVisible(t.message(olivia.page, 'Just between us: thanks for the invite!'), `${olivia.name} to read the direct message`);
  await shot(olivia, 'r03-direct-message.png');
  step(`${ada.name} sees that ${olivia.name} read it (a read frame)`);
  await expectVisible(byTestId(ada.page, 'seen-by').filter({ hasText: `Seen by ${olivia.name}` }), `"Seen by ${olivia.name}" under ${ada.name}'s message`);
  await shot(ada, 'r03b-seen-by.png');

  step(`${olivia.name} invites ${eve.name} again; ${eve.name} joins and is removed`);
  await roomItem(olivia, roomId).click();
  await invite(olivia, eve);
  await (await invitationFor(eve, roomId)).locator('[data-testid="accept-invitation"]').click();
  await expectVisible(roomItem(eve, roomId), `the room in ${eve.name}'s list after joining`);
  await expectVisible(memberRow(olivia, eve), `${eve.name} in ${olivia.name}'s member list`);
  await memberAction(olivia, eve, 'remove-member');
  await expectGone(roomItem(eve, roomId), `the room in ${eve.name}'s list after the removal`);
  await expectVisible(eve.page.locator('.toast').filter({ hasText: 'You were removed from' }), `the removal notice for ${eve.name}`);
  await expectGone(memberRow(olivia, eve), `${eve.name} in ${olivia.name}'s member list`);
  await shot(eve, 'r04-removed-notice.png');

  step(`${olivia.name} bans ${ada.name}; the room goes from ${ada.name}'s list, the direct room stays`);
  await memberAction(olivia, ada, 'ban-member');
  await expectGone(roomItem(ada, roomId), `the room in ${ada.name}'s list after the ban`);
  await expectVisible(ada.page.locator('.toast').filter({ hasText: 'You were banned from' }), `the ban notice for ${ada.name}`);
  await expectVisible(roomItem(ada, directId), `the direct room still in ${ada.name}'s list`);
  await shot(ada, 'r05-banned-notice.png');
}

t.runMain(['Olivia Owner', 'Ada Admin', 'Eve Guest'], TOTAL_TIMEOUT_MS, scenario).catch((error) => {
  console.error(`FAILED before the test could start: ${error.stack || error.message}`);
  process.exit(1);
});
