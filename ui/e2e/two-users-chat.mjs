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

import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const STEP_TIMEOUT_MS = 20_000; // one UI expectation; the real stack answers in well under a second
const TOTAL_TIMEOUT_MS = 150_000; // the whole run, below the JUnit test's limit
const VIEWPORT = { width: 1280, height: 800 }; // ≥ 1180 px: the member list is a visible column

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

const started = Date.now();
const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
const password = 'correct-horse-battery-staple';
const roomName = `e2e-${stamp}`;

function step(text) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);
}

/** One user: a browser context, its page, and everything the page printed. */
async function openUser(browser, name) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  const user = {
    name,
    email: `${name.split(' ')[0].toLowerCase()}.${stamp}@example.com`,
    context,
    page,
    console: [],
    pageErrors: [],
    documentPolicy: null,
    id: null,
  };
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document') user.documentPolicy = r.headers()['content-security-policy'] ?? null;
  });
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  page.on('console', (m) => user.console.push(`${at()} ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => {
    user.console.push(`${at()} pageerror: ${e.stack || e.message}`);
    user.pageErrors.push(e.message);
  });
  page.on('requestfailed', (r) => user.console.push(`${at()} requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('websocket', (ws) => {
    user.console.push(`${at()} websocket open: ${ws.url().replace(/token=[^&]+/, 'token=…')}`);
    ws.on('close', () => user.console.push(`${at()} websocket closed`));
  });
  return user;
}

const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** A `message` row whose content is exactly `text`, optionally in a given data-state. */
function message(page, text, state) {
  const row = page.locator(state ? `[data-testid="message"][data-state="${state}"]` : '[data-testid="message"]');
  return row.filter({ has: page.locator('[data-testid="message-content"]', { hasText: new RegExp(`^${escapeRegExp(text)}$`) }) });
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function shot(user, file) {
  await user.page.screenshot({ path: path.join(outDir, file) });
  step(`  screenshot ${file} (${user.name})`);
}

async function expectVisible(locator, what, timeout = STEP_TIMEOUT_MS) {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`expected ${what} within ${timeout} ms: ${error.message.split('\n')[0]}`);
  }
}

async function register(user) {
  const { page } = user;
  await page.goto(`${baseUrl}/`);
  await byTestId(page, 'register-tab').click();
  await byTestId(page, 'display-name').fill(user.name);
  await byTestId(page, 'email').fill(user.email);
  await byTestId(page, 'password').fill(password);
  await byTestId(page, 'register-button').click();
  const me = byTestId(page, 'current-user');
  // Either the chat opens or the form shows an error: say which error instead of timing out.
  const formErrors = page.locator('[data-testid$="-error"]:not([hidden])');
  await expectVisible(me.filter({ hasText: user.name }).or(formErrors).first(), `${user.name}'s name in the sidebar after registering`);
  if (await formErrors.count()) {
    throw new Error(`registering ${user.email} failed: ${(await formErrors.allTextContents()).join(' | ')}`);
  }
  user.id = await me.getAttribute('data-user-id');
  if (!user.id) throw new Error(`current-user of ${user.name} has no data-user-id`);
  await expectVisible(page.locator('[data-testid="connection-state"][data-state="online"]'), `${user.name}'s socket to be online`);
}

/** Sends `text` through the composer and waits until the sender's own bubble is delivered. */
async function send(user, text) {
  const input = byTestId(user.page, 'message-input');
  await input.fill(text);
  await byTestId(user.page, 'send-button').click();
  await expectVisible(message(user.page, text), `${user.name}'s own bubble "${text}"`);
  await expectVisible(message(user.page, text, 'delivered'), `${user.name}'s "${text}" to reach data-state="delivered"`);
}

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

async function main() {
  await mkdir(outDir, { recursive: true });
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const users = [];
  let failed = false;
  let timer;
  try {
    const alice = await openUser(browser, 'Alice Chen');
    const bob = await openUser(browser, 'Bob Okafor');
    users.push(alice, bob);
    await Promise.race([
      run(alice, bob),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the browser test did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`)), TOTAL_TIMEOUT_MS);
      }),
    ]);
    step('PASSED');
  } catch (error) {
    failed = true;
    console.error(`\nFAILED: ${error.stack || error.message}`);
    for (const user of users) {
      const file = `failure-${user.name.split(' ')[0].toLowerCase()}.png`;
      try {
        await user.page.screenshot({ path: path.join(outDir, file), timeout: 10_000 });
        console.error(`screenshot of ${user.name}'s page: ${path.join(outDir, file)}`);
      } catch (e) {
        console.error(`could not take ${file}: ${e.message}`);
      }
    }
    for (const user of users) {
      console.error(`\n--- console of ${user.name}'s page (${user.page.url()}) ---`);
      console.error(user.console.length ? user.console.join('\n') : '(nothing)');
    }
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => {});
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`FAILED before the test could start: ${error.stack || error.message}`);
  process.exit(1);
});
