#!/usr/bin/env node
// browser-chat.mjs — socket.io-client's browser bundle in Chromium against a running gateway.
//
//   node browser-chat.mjs --url http://127.0.0.1:3000 --out ./screenshots
//
// Two users (registered and logged in over REST from here) each open page/sio-chat.html in
// their own browser context. The page and node_modules/socket.io-client/dist/socket.io.min.js
// are served by this script on the gateway's own origin (page.route on /__sio-test/), so the
// page reaches /socket.io/ same-origin, as the original's page did; nothing comes from a CDN.
// Both connect with the default transports (polling, then the upgrade to websocket), join a
// room and chat both ways. Debian's Chromium (CHROMIUM, else /usr/bin/chromium) is driven by
// playwright-core; no browser is downloaded. One line per step; screenshots into --out; on
// failure failure-*.png of both pages, their console output, exit code 1.

import { chromium } from 'playwright-core';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { restClient } from './lib.mjs';

const STEP_TIMEOUT_MS = 15_000; // one expectation; the gateway answers in milliseconds
const TOTAL_TIMEOUT_MS = 120_000; // the whole run, below the JUnit test's limit
const here = path.dirname(fileURLToPath(import.meta.url));

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: 'screenshots' },
  },
});
if (!args.url) {
  console.error('usage: node browser-chat.mjs --url http://127.0.0.1:PORT [--out DIR]');
  process.exit(2);
}
const baseUrl = args.url.replace(/\/+$/, '');
const outDir = path.resolve(args.out);
const rest = restClient(baseUrl, STEP_TIMEOUT_MS);
const pageUrl = `${baseUrl}/__sio-test/sio-chat.html`;

const started = Date.now();
function step(text) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);
}

/** What the test serves on the gateway's origin, under /__sio-test/. */
const served = {
  'sio-chat.html': { file: path.join(here, 'page/sio-chat.html'), contentType: 'text/html; charset=utf-8' },
  'socket.io.min.js': { file: path.join(here, 'node_modules/socket.io-client/dist/socket.io.min.js'), contentType: 'text/javascript; charset=utf-8' },
};

async function openUser(browser, user) {
  // A document fulfilled by page.route has no IP address space of its own, so Chromium's Local
  // Network Access checks treat it as public and block its WebSocket to 127.0.0.1 (the polling
  // requests pass). Served by the gateway itself it would be loopback, like the socket; the
  // permission stands in for that.
  const context = await browser.newContext({
    viewport: { width: 900, height: 640 },
    locale: 'en-US',
    timezoneId: 'UTC',
    permissions: ['local-network-access'],
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const bodies = Object.fromEntries(await Promise.all(Object.entries(served).map(async ([name, s]) => [name, await readFile(s.file)])));
  await context.route(`${baseUrl}/__sio-test/**`, (route) => {
    const name = new URL(route.request().url()).pathname.replace('/__sio-test/', '');
    if (!served[name]) return route.fulfill({ status: 404, body: `not served by the test: ${name}` });
    return route.fulfill({ status: 200, contentType: served[name].contentType, body: bodies[name] });
  });
  const page = await context.newPage();
  const u = { ...user, context, page, console: [], pageErrors: [] };
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  page.on('console', (m) => u.console.push(`${at()} ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => {
    u.console.push(`${at()} pageerror: ${e.stack || e.message}`);
    u.pageErrors.push(e.message);
  });
  page.on('requestfailed', (r) => u.console.push(`${at()} requestfailed: ${r.method()} ${r.url().replace(/sid=[^&]+/, 'sid=…')} ${r.failure()?.errorText ?? ''}`));
  page.on('websocket', (ws) => {
    u.console.push(`${at()} websocket open: ${ws.url().replace(/sid=[^&]+/, 'sid=…')}`);
    ws.on('close', () => u.console.push(`${at()} websocket closed`));
  });
  return u;
}

async function expectVisible(locator, what, timeout = STEP_TIMEOUT_MS) {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`expected ${what} within ${timeout} ms: ${error.message.split('\n')[0]}`);
  }
}

async function shot(user, file) {
  await user.page.screenshot({ path: path.join(outDir, file) });
  step(`  screenshot ${file} (${user.name})`);
}

const messageRow = (page, text, state) =>
  page.locator(state ? `[data-testid="message"][data-state="${state}"]` : '[data-testid="message"]').filter({ hasText: text });

async function connect(user, names) {
  await user.page.goto(pageUrl);
  const hasIo = await user.page.evaluate(() => typeof window.io);
  if (hasIo !== 'function') throw new Error(`${user.name}'s page has no io() (socket.io.min.js did not load): typeof io is ${hasIo}`);
  try {
    await user.page.evaluate(({ token, id, names }) => window.startChat(token, id, names), { token: user.token, id: user.id, names });
  } catch (error) {
    throw new Error(`${user.name}'s socket did not connect: ${error.message.split('\n')[0]}`);
  }
  await expectVisible(user.page.locator('#state[data-state="connected"]'), `${user.name}'s page to show state connected`);
  const transport = user.page.locator('#transport');
  try {
    await user.page.waitForFunction(() => document.getElementById('transport').textContent === 'websocket', null, { timeout: STEP_TIMEOUT_MS });
  } catch {
    throw new Error(`expected ${user.name}'s socket to upgrade from polling to websocket within ${STEP_TIMEOUT_MS} ms; transport is "${await transport.textContent()}"`);
  }
}

async function join(user, roomId) {
  const reply = await user.page.evaluate((id) => window.joinRoom(id), roomId);
  if (reply?.success !== true) throw new Error(`${user.name}: joinRoom answered ${JSON.stringify(reply)}, expected {success:true}`);
}

async function send(user, text) {
  await user.page.locator('#text').fill(text);
  await user.page.locator('#text').press('Enter');
  await expectVisible(messageRow(user.page, text, 'delivered'), `${user.name}'s own "${text}" to come back as newMessage (data-state="delivered")`);
}

async function run(alice, bob, roomId) {
  const names = { [alice.id]: alice.name, [bob.id]: bob.name };

  step(`${alice.name} opens ${pageUrl} and connects with the default transports`);
  await connect(alice, names);
  step(`${bob.name} does the same`);
  await connect(bob, names);
  step('both upgraded from polling to websocket; both join the room');
  await join(alice, roomId);
  await join(bob, roomId);
  await shot(alice, '01-alice-connected.png');

  const hello = 'Hello Bob, this is socket.io-client in Chromium.';
  const reply = 'Hi Alice, received over Socket.IO.';
  step(`${alice.name} sends "${hello}"`);
  await send(alice, hello);
  step(`${bob.name} sees it`);
  await expectVisible(messageRow(bob.page, hello, 'delivered'), `${bob.name} to see "${hello}"`);
  await shot(bob, '02-bob-received.png');

  step(`${bob.name} replies "${reply}"; ${alice.name} sees it`);
  await send(bob, reply);
  await expectVisible(messageRow(alice.page, reply, 'delivered'), `${alice.name} to see "${reply}"`);
  await shot(alice, '03-alice-conversation.png');
  await shot(bob, '04-bob-conversation.png');

  for (const user of [alice, bob]) {
    const texts = await user.page.locator('[data-testid="message"] .content').allTextContents();
    if (JSON.stringify(texts) !== JSON.stringify([hello, reply])) throw new Error(`${user.name}'s page shows ${JSON.stringify(texts)}, expected [hello, reply] once each, in order`);
    if (user.pageErrors.length) throw new Error(`uncaught errors in ${user.name}'s page: ${user.pageErrors.join(' | ')}`);
  }
}

async function main() {
  await mkdir(outDir, { recursive: true });
  step(`gateway ${baseUrl}, screenshots in ${outDir}`);
  step('two users register and log in over REST; Alice creates a room, Bob joins it');
  const [aliceAccount, bobAccount] = await Promise.all([rest.user('Alice'), rest.user('Bob')]);
  const roomId = await rest.room(aliceAccount, 'sio-browser');
  await rest.join(bobAccount, roomId);

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
    const alice = await openUser(browser, { ...aliceAccount, name: 'Alice' });
    const bob = await openUser(browser, { ...bobAccount, name: 'Bob' });
    users.push(alice, bob);
    await Promise.race([
      run(alice, bob, roomId),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the browser test did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`)), TOTAL_TIMEOUT_MS);
      }),
    ]);
    step('PASSED');
  } catch (error) {
    failed = true;
    console.error(`\nFAILED: ${error.stack || error.message}`);
    for (const user of users) {
      const file = `failure-${user.name.toLowerCase()}.png`;
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
  console.error(`FAILED before the browser test could start: ${error.stack || error.message}`);
  process.exit(1);
});
