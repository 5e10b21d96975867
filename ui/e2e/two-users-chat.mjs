#!/usr/bin/env node
// two-users-chat.mjs — the browser test of the Parley UI against a running gateway.
//
//   node two-users-chat.mjs --url http://127.0.0.1:3000 --out ./screenshots
//
// Two users, each in their own browser context (own sessionStorage, own socket), go through
// the whole client: register, create a room, discover and join it, chat both ways (own
// message reaches "delivered"), see each other online and typing, and a reload keeps the
// history. Debian's Chromium (CHROMIUM, else /usr/bin/chromium) is driven by playwright-core;
// no browser is downloaded. One line per step; screenshots at key steps into --out. On
// failure: failure-*.png of both pages, their console output, exit code 1.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { createHarness, STEP_TIMEOUT_MS } from './harness.mjs';

const TOTAL_TIMEOUT_MS = 150_000; // the whole run, below the JUnit test's limit

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: 'screenshots' },
  },
});
if (!args.url) {
  console.error('usage: node two-users-chat.mjs --url http://127.0.0.1:PORT [--out DIR]');
  process.exit(2);
}
const baseUrl = args.url.replace(/\/+$/, '');
const outDir = path.resolve(args.out);
const t = createHarness({ baseUrl, outDir });
const { step, byTestId, message, shot, expectVisible, register, send } = t;
const roomName = `e2e-${t.stamp}`;

async function expectOnline(viewer, other) {
  await expectVisible(
    viewer.page.locator(`[data-testid="member"][data-user-id="${other.id}"][data-online="true"]`),
    `${viewer.name} to see ${other.name} online in the member list`,
  );
}

/**
 * The typist keeps typing (one key every 400 ms, so the client's 2 s throttle lets a typing
 * frame out at least every 2 s, and the watcher's 3 s indicator never lapses) until the
 * watcher's typing indicator names them; nothing is sent.
 */
async function expectTypingSeen(typist, watcher, file) {
  const input = byTestId(typist.page, 'message-input');
  await input.fill('');
  await input.click();
  const indicator = byTestId(watcher.page, 'typing-indicator');
  const messagesBefore = await byTestId(watcher.page, 'message').count();
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  const draft = 'just a moment, writing something longer ';
  for (let i = 0; ; i++) {
    await input.pressSequentially(draft[i % draft.length]);
    const text = (await indicator.isVisible()) ? (await indicator.textContent()) ?? '' : '';
    if (text.includes(`${typist.name} is typing`)) break;
    if (Date.now() > deadline) {
      throw new Error(`expected ${watcher.name}'s typing-indicator to say "${typist.name} is typing…" within ${STEP_TIMEOUT_MS} ms; it shows "${text}"`);
    }
    await typist.page.waitForTimeout(400);
  }
  await shot(watcher, file);
  const messagesAfter = await byTestId(watcher.page, 'message').count();
  if (messagesAfter !== messagesBefore) throw new Error(`typing sent something: ${watcher.name} had ${messagesBefore} messages, now ${messagesAfter}`);
  await input.fill(''); // never sent
}

async function run(alice, bob) {
  step(`gateway ${baseUrl}, screenshots in ${outDir}`);

  step(`${alice.name} registers as ${alice.email}`);
  await register(alice);
  await shot(alice, '01-alice-registered.png');

  step(`${alice.name} creates room ${roomName}`);
  await byTestId(alice.page, 'create-room-button').click();
  await byTestId(alice.page, 'room-name-input').fill(roomName);
  await byTestId(alice.page, 'room-description-input').fill('Created by the browser test');
  await byTestId(alice.page, 'create-room-submit').click();
  const aliceRoom = alice.page.locator('[data-testid="room-item"][aria-current="page"]').filter({ hasText: roomName });
  await expectVisible(aliceRoom, `the new room to be listed and open for ${alice.name}`);
  const roomId = await aliceRoom.getAttribute('data-room-id');
  if (!roomId) throw new Error('the open room-item has no data-room-id');
  await expectVisible(byTestId(alice.page, 'message-input'), `${alice.name}'s composer`);
  await expectVisible(alice.page.locator(`[data-testid="member"][data-user-id="${alice.id}"]`), `${alice.name} in the room's member list`);
  await shot(alice, '02-room-created.png');

  step(`${bob.name} registers as ${bob.email}`);
  await register(bob);

  step(`${bob.name} searches for the room under Discover and joins it`);
  await byTestId(bob.page, 'discover-button').click();
  await byTestId(bob.page, 'discover-search').fill(roomName);
  const result = bob.page.locator(`[data-testid="discover-result"][data-room-id="${roomId}"]`);
  await expectVisible(result, `room ${roomId} among ${bob.name}'s search results`);
  await result.locator('[data-testid="join-button"]').click();
  await expectVisible(bob.page.locator(`[data-testid="room-item"][data-room-id="${roomId}"][aria-current="page"]`),
    `the joined room to be listed and open for ${bob.name}`);
  await expectVisible(byTestId(bob.page, 'message-input'), `${bob.name}'s composer`);
  await shot(bob, '03-bob-joined.png');

  const hello = `Hi Bob, welcome to ${roomName}!`;
  const reply = 'Thanks Alice, glad to be here.';
  const followUp = 'Great, the stand-up is at ten.';

  step(`${alice.name} sends "${hello}"`);
  await send(alice, hello);
  step(`${bob.name} sees it`);
  await expectVisible(message(bob.page, hello), `${bob.name} to see "${hello}"`);

  step(`${bob.name} replies "${reply}"`);
  await send(bob, reply);
  step(`${alice.name} sees it`);
  await expectVisible(message(alice.page, reply), `${alice.name} to see "${reply}"`);

  step(`${alice.name} sends "${followUp}"; ${bob.name} sees it`);
  await send(alice, followUp);
  await expectVisible(message(bob.page, followUp), `${bob.name} to see "${followUp}"`);

  step('each sees the other online in the member list');
  await expectOnline(alice, bob);
  await expectOnline(bob, alice);
  await shot(alice, '04-conversation-alice.png');
  await shot(bob, '05-conversation-bob.png');

  step(`${bob.name} types without sending; ${alice.name} sees the typing indicator`);
  await expectTypingSeen(bob, alice, '06-typing-alice-sees-bob.png');
  step(`${alice.name} types without sending; ${bob.name} sees the typing indicator`);
  await expectTypingSeen(alice, bob, '06b-typing-bob-sees-alice.png');

  step(`${bob.name} reloads the page; the history is still there`);
  await bob.page.reload();
  await expectVisible(byTestId(bob.page, 'current-user').filter({ hasText: bob.name }), `${bob.name} to stay logged in after the reload`);
  await expectVisible(bob.page.locator(`[data-testid="room-item"][data-room-id="${roomId}"][aria-current="page"]`),
    'the room to be open again after the reload');
  for (const text of [hello, reply, followUp]) {
    await expectVisible(message(bob.page, text), `"${text}" in ${bob.name}'s history after the reload`);
  }
  const order = await bob.page.locator('[data-testid="message-content"]').allTextContents();
  const expected = [hello, reply, followUp];
  if (JSON.stringify(order.filter((t) => expected.includes(t))) !== JSON.stringify(expected)) {
    throw new Error(`history after the reload is out of order: ${JSON.stringify(order)}`);
  }
  await expectVisible(bob.page.locator('[data-testid="connection-state"][data-state="online"]'), `${bob.name}'s socket to be online again`);
  await expectOnline(bob, alice);
  await shot(bob, '07-after-reload.png');

  for (const user of [alice, bob]) {
    if (user.pageErrors.length) throw new Error(`uncaught errors in ${user.name}'s page: ${user.pageErrors.join(' | ')}`);
    // the gateway's Content-Security-Policy must be in force, and the client must live within it
    if (!user.documentPolicy) throw new Error(`${user.name}'s page came without a Content-Security-Policy header`);
    const refused = user.console.filter((line) => line.includes('Content Security Policy'));
    if (refused.length) throw new Error(`the Content-Security-Policy refused parts of ${user.name}'s page: ${refused.join(' | ')}`);
  }
}

t.runMain(['Alice Chen', 'Bob Okafor'], TOTAL_TIMEOUT_MS, ([alice, bob]) => run(alice, bob)).catch((error) => {
  console.error(`FAILED before the test could start: ${error.stack || error.message}`);
  process.exit(1);
});
