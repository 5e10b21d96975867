#!/usr/bin/env node
// sessions.mjs — the browser test of the Parley UI's sessions against a running gateway whose
// access tokens are short-lived (parley.auth.token-lifetime, given here as --lifetime-s).
//
//   node sessions.mjs --url http://127.0.0.1:3000 --lifetime-s 8 --out ./screenshots
//
// One user on two devices (two browser contexts, each its own sessionStorage, socket and
// User-Agent): the chat keeps working across silent refreshes (a message sent after more than
// two token lifetimes is delivered, no login screen, no overlapping refreshes); the sessions
// dialog lists both devices with one marked "This device"; device A revokes device B, which
// lands on the login screen with a notice; device A logs out; then both sign in again and
// "Log out everywhere" on B sends A to the login screen too.
//
// Checks marked [socket half] need the gateway's socket side of sessions (the `reauth` frame,
// 4401 closes at revocation). They are checked and reported at the end, after every other
// step has run, so a run against a gateway without it still shows which of the rest pass.
//
// Debian's Chromium (CHROMIUM, else /usr/bin/chromium) is driven by playwright-core. One line per
// step; screenshots into --out. On failure: failure-*.png of both pages, their console output
// (with every socket close code), exit code 1.

import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const STEP_TIMEOUT_MS = 20_000;
const VIEWPORT = { width: 1280, height: 800 };
const REVOCATION_CLOSE_MS = 1_500; // the contract says 1 s; a little room for the test's own clock

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string', default: 'screenshots' },
    'lifetime-s': { type: 'string', default: '8' },
  },
});
if (!args.url) {
  console.error('usage: node sessions.mjs --url http://127.0.0.1:PORT --lifetime-s SECONDS [--out DIR]');
  process.exit(2);
}
const baseUrl = args.url.replace(/\/+$/, '');
const outDir = path.resolve(args.out);
const lifetimeMs = Number(args['lifetime-s']) * 1000;
if (!(lifetimeMs >= 3000 && lifetimeMs <= 60_000)) {
  console.error('--lifetime-s must be the gateway\'s parley.auth.token-lifetime, between 3 and 60 seconds');
  process.exit(2);
}
// the slowest step waits for a refresh that finds the session revoked: 75 % of a lifetime, plus margin
const TOTAL_TIMEOUT_MS = 150_000 + 8 * lifetimeMs;

const started = Date.now();
const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
const password = 'correct-horse-battery-staple';
const user = { name: 'Dana Sessions', email: `dana.${stamp}@example.com` };
const roomName = `sessions-${stamp}`;
const socketHalf = []; // {check, ok, detail}: the checks that need the gateway's socket half

const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
function step(text) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);
}

/** Records a [socket half] check; all of them are judged at the end. */
function socketHalfCheck(check, ok, detail) {
  socketHalf.push({ check, ok, detail });
  step(`  [socket half] ${ok ? 'ok' : 'NOT MET'}: ${check}${detail ? ` (${detail})` : ''}`);
}

// Every WebSocket of the page reports how it closed (code, reason): playwright's own event has no code.
function recordSocketCloses() {
  const Native = window.WebSocket;
  window.__parleyCloses = [];
  window.WebSocket = class extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener('close', (e) => window.__parleyCloses.push({ code: e.code, reason: e.reason, at: Date.now() }));
    }
  };
}

/** One device: a browser context with its own User-Agent, its page, and what happened in it. */
async function openDevice(browser, label) {
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${browser.version()} Safari/537.36 ParleyE2E/${label}`;
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC', userAgent });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  await context.addInitScript(recordSocketCloses);
  const page = await context.newPage();
  const device = {
    name: `device ${label}`, label, userAgent, context, page,
    console: [], pageErrors: [], documentPolicy: null,
    sockets: 0, refreshes: [], refreshesInFlight: 0, overlappingRefreshes: 0,
    reauths: new Map(), // frame id → {sentAt, ok, code}
  };
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document') device.documentPolicy = r.headers()['content-security-policy'] ?? null;
  });
  page.on('console', (m) => device.console.push(`${at()} ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => {
    device.console.push(`${at()} pageerror: ${e.stack || e.message}`);
    device.pageErrors.push(e.message);
  });
  page.on('request', (r) => {
    if (!isRefresh(r)) return;
    if (device.refreshesInFlight > 0) device.overlappingRefreshes++;
    device.refreshesInFlight++;
  });
  const refreshDone = (r, status, code) => {
    if (!isRefresh(r)) return;
    device.refreshesInFlight--;
    device.refreshes.push({ at: Date.now(), status, code });
    device.console.push(`${at()} POST /auth/refresh → ${status}${code ? ` ${code}` : ''}`);
  };
  page.on('requestfinished', async (r) => {
    if (!isRefresh(r)) return;
    const response = await r.response();
    const body = response && response.status() !== 200 ? await response.json().catch(() => null) : null;
    refreshDone(r, response?.status() ?? 0, body?.code);
  });
  page.on('requestfailed', (r) => {
    device.console.push(`${at()} requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
    refreshDone(r, 0);
  });
  page.on('websocket', (ws) => {
    device.sockets++;
    device.console.push(`${at()} websocket open: ${ws.url().replace(/token=[^&]+/, 'token=…')}`);
    ws.on('close', () => device.console.push(`${at()} websocket closed`));
    ws.on('framesent', ({ payload }) => {
      const frame = parse(payload);
      if (frame?.type === 'reauth') device.reauths.set(frame.id, { sentAt: Date.now(), ok: null, code: null });
    });
    ws.on('framereceived', ({ payload }) => {
      const frame = parse(payload);
      const reauth = frame?.id != null ? device.reauths.get(frame.id) : null;
      if (!reauth) return;
      reauth.ok = frame.type === 'reply' && frame.ok === true;
      reauth.code = frame.error?.code ?? null;
      device.console.push(`${at()} reauth ${frame.id} → ${frame.type} ok=${frame.ok ?? ''} ${reauth.code ?? ''}`);
    });
  });
  return device;
}

const isRefresh = (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/auth/refresh';

function parse(payload) {
  try {
    return JSON.parse(typeof payload === 'string' ? payload : payload.toString());
  } catch {
    return null;
  }
}

const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

function message(page, text, state) {
  const row = page.locator(state ? `[data-testid="message"][data-state="${state}"]` : '[data-testid="message"]');
  return row.filter({ has: page.locator('[data-testid="message-content"]', { hasText: new RegExp(`^${escapeRegExp(text)}$`) }) });
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function shot(device, file) {
  await device.page.screenshot({ path: path.join(outDir, file) });
  step(`  screenshot ${file} (${device.name})`);
}

async function expectVisible(locator, what, timeout = STEP_TIMEOUT_MS) {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`expected ${what} within ${timeout} ms: ${error.message.split('\n')[0]}`);
  }
}

const closes = (device) => device.page.evaluate(() => window.__parleyCloses ?? []);
const online = (device) => device.page.locator('[data-testid="connection-state"][data-state="online"]');
const loginScreen = (device) => byTestId(device.page, 'login-button');

/** Fills the auth form and waits for the chat (or says which form error came instead). */
async function signIn(device, { register = false } = {}) {
  const { page } = device;
  await page.goto(`${baseUrl}/`);
  if (register) {
    await byTestId(page, 'register-tab').click();
    await byTestId(page, 'display-name').fill(user.name);
  }
  await byTestId(page, 'email').fill(user.email);
  await byTestId(page, 'password').fill(password);
  await byTestId(page, register ? 'register-button' : 'login-button').click();
  const me = byTestId(page, 'current-user');
  const formErrors = page.locator('[data-testid$="-error"]:not([hidden])');
  await expectVisible(me.filter({ hasText: user.name }).or(formErrors).first(), `${user.name}'s name in ${device.name}'s sidebar`);
  if (await formErrors.count()) throw new Error(`signing in on ${device.name} failed: ${(await formErrors.allTextContents()).join(' | ')}`);
  await expectVisible(online(device), `${device.name}'s socket to be online`);
}

/** Sends `text` from `from`; its bubble reaches "delivered" and `to` shows it. */
async function sendAndSee(from, to, text) {
  await byTestId(from.page, 'message-input').fill(text);
  await byTestId(from.page, 'send-button').click();
  await expectVisible(message(from.page, text, 'delivered'), `${from.name}'s "${text}" to reach data-state="delivered"`);
  await expectVisible(message(to.page, text), `${to.name} to show "${text}"`);
}

/** Waits for the login screen and returns how long it took from `since`, and the notice shown. */
async function expectLoginScreen(device, since, timeout, what) {
  await expectVisible(loginScreen(device), what, timeout);
  const took = Date.now() - since;
  const notice = byTestId(device.page, 'auth-notice');
  const text = (await notice.count()) ? (await notice.textContent())?.trim() ?? '' : '';
  return { took, notice: text };
}

async function openSessions(device) {
  await byTestId(device.page, 'sessions-button').click();
  const rows = byTestId(device.page, 'session');
  await expectVisible(rows.first(), `the session list in ${device.name}'s sessions dialog`);
  return rows;
}

async function sessionRows(device) {
  return byTestId(device.page, 'session').evaluateAll((rows) => rows.map((row) => ({
    id: row.dataset.sessionId,
    current: row.dataset.current === 'true',
    agent: row.querySelector('[data-testid="session-agent"]')?.textContent ?? '',
    badge: Boolean(row.querySelector('[data-testid="session-current"]')),
    revoke: Boolean(row.querySelector('[data-testid="revoke-session"]')),
  })));
}

async function run(a, b) {
  step(`gateway ${baseUrl}, access tokens live ${lifetimeMs / 1000} s, screenshots in ${outDir}`);

  step(`device A registers ${user.email} and signs in`);
  await signIn(a, { register: true });
  step(`device A creates room ${roomName}`);
  await byTestId(a.page, 'create-room-button').click();
  await byTestId(a.page, 'room-name-input').fill(roomName);
  await byTestId(a.page, 'create-room-submit').click();
  const roomOnA = a.page.locator('[data-testid="room-item"][aria-current="page"]').filter({ hasText: roomName });
  await expectVisible(roomOnA, `the new room open on device A`);
  const roomId = await roomOnA.getAttribute('data-room-id');
  await shot(a, 's01-device-a-signed-in.png');

  step('device B signs in to the same account; the room opens there too');
  await signIn(b);
  await expectVisible(b.page.locator(`[data-testid="room-item"][data-room-id="${roomId}"][aria-current="page"]`), 'the room open on device B');
  const bSignedIn = Date.now();
  await shot(b, 's02-device-b-signed-in.png');

  step('both devices chat before any refresh');
  await sendAndSee(a, b, 'Before the first refresh, from A.');

  step(`waiting more than two token lifetimes (${(2 * lifetimeMs) / 1000} s) with both devices open; each refreshes silently`);
  const waitUntil = bSignedIn + 2 * lifetimeMs + 1500;
  const deadline = bSignedIn + 4 * lifetimeMs + STEP_TIMEOUT_MS;
  for (;;) {
    const done = Date.now() > waitUntil && [a, b].every((d) => d.refreshes.filter((r) => r.status === 200).length >= 2);
    if (done) break;
    if (Date.now() > deadline) {
      throw new Error(`expected two successful refreshes on each device within ${(deadline - bSignedIn) / 1000} s; `
        + `A: ${JSON.stringify(a.refreshes)}, B: ${JSON.stringify(b.refreshes)}`);
    }
    for (const d of [a, b]) {
      if (await loginScreen(d).count()) throw new Error(`${d.name} fell back to the login screen while waiting: "${await byTestId(d.page, 'auth-notice').textContent().catch(() => '')}"`);
    }
    await a.page.waitForTimeout(500);
  }
  for (const d of [a, b]) {
    const ok = d.refreshes.filter((r) => r.status === 200).length;
    const failed = d.refreshes.filter((r) => r.status !== 200);
    step(`  ${d.name}: ${ok} refreshes, ${failed.length} failed, ${d.overlappingRefreshes} overlapping, ${d.sockets} socket(s) opened`);
    if (failed.length) throw new Error(`${d.name} had refreshes that failed: ${JSON.stringify(failed)}`);
    if (d.overlappingRefreshes) throw new Error(`${d.name} sent ${d.overlappingRefreshes} refresh(es) while another was in flight`);
  }

  step(`after ${((Date.now() - bSignedIn) / 1000).toFixed(1)} s (> 2 lifetimes): the chat still works both ways, no login screen`);
  await expectVisible(online(a), 'device A online');
  await expectVisible(online(b), 'device B online');
  await sendAndSee(a, b, 'After two refreshes, from A.');
  await sendAndSee(b, a, 'And from B, still signed in.');
  for (const d of [a, b]) if (await loginScreen(d).count()) throw new Error(`${d.name} shows the login screen`);
  await shot(a, 's03-after-refreshes-device-a.png');
  await shot(b, 's04-after-refreshes-device-b.png');

  for (const d of [a, b]) {
    const answered = [...d.reauths.values()];
    const ok = answered.filter((r) => r.ok === true).length;
    socketHalfCheck(`${d.name} re-authenticated its socket after each refresh (reauth → reply ok:true)`,
      ok >= 2 && answered.every((r) => r.ok === true),
      `${answered.length} reauth frames sent, ${ok} ok, refused: ${answered.filter((r) => r.ok === false).map((r) => r.code).join(', ') || 'none'}`);
    const closeCodes = (await closes(d)).map((c) => c.code);
    socketHalfCheck(`${d.name} kept one socket across the refreshes (no 4401 at token expiry)`,
      d.sockets === 1 && !closeCodes.includes(4401), `${d.sockets} socket(s) opened, closes: ${closeCodes.join(', ') || 'none'}`);
  }

  step('device A opens "Your sessions": two sessions, this one marked "This device"');
  await openSessions(a);
  await a.page.waitForFunction(() => document.querySelectorAll('[data-testid="session"]').length >= 2, null, { timeout: STEP_TIMEOUT_MS })
    .catch(() => {});
  let rows = await sessionRows(a);
  if (rows.length !== 2) throw new Error(`expected 2 sessions in device A's list, got ${rows.length}: ${JSON.stringify(rows)}`);
  const current = rows.filter((r) => r.current);
  if (current.length !== 1 || !current[0].badge || current[0].revoke) throw new Error(`expected exactly one current session, badged and without revoke: ${JSON.stringify(rows)}`);
  if (!current[0].agent.includes('ParleyE2E/A')) throw new Error(`the current session should be device A's, its agent is "${current[0].agent}"`);
  const other = rows.find((r) => !r.current);
  if (!other.agent.includes('ParleyE2E/B') || !other.revoke) throw new Error(`the other session should be device B's with a revoke button: ${JSON.stringify(other)}`);
  step(`  current ${current[0].id} (A), other ${other.id} (B)`);
  await shot(a, 's05-sessions-list.png');

  step("device A revokes device B's session");
  const closesBefore = (await closes(b)).length;
  const revokedAt = Date.now();
  await a.page.locator(`[data-testid="session"][data-session-id="${other.id}"] [data-testid="revoke-session"]`).click();
  await a.page.waitForFunction(() => document.querySelectorAll('[data-testid="session"]').length === 1, null, { timeout: STEP_TIMEOUT_MS })
    .catch(async () => { throw new Error(`device A's list still shows ${JSON.stringify(await sessionRows(a))} after the revoke`); });
  await shot(a, 's06-device-b-revoked.png');

  step('device B ends on the login screen with a notice');
  const bOut = await expectLoginScreen(b, revokedAt, lifetimeMs + STEP_TIMEOUT_MS, 'device B on the login screen after its session was revoked');
  step(`  after ${(bOut.took / 1000).toFixed(1)} s, notice "${bOut.notice}"`);
  if (!/session has ended/i.test(bOut.notice)) throw new Error(`device B's login screen should say the session has ended; it says "${bOut.notice}"`);
  const bCloses = (await closes(b)).slice(closesBefore);
  const bClose = bCloses.find((c) => c.code === 4401);
  socketHalfCheck("device B's socket was closed with 4401 within 1 s of the revocation",
    Boolean(bClose) && bClose.at - revokedAt <= REVOCATION_CLOSE_MS,
    bClose ? `4401 after ${bClose.at - revokedAt} ms, "${bClose.reason}"` : `closes: ${bCloses.map((c) => c.code).join(', ') || 'none'}; login screen after ${bOut.took} ms`);
  await shot(b, 's07-device-b-signed-out.png');

  step('device A is still signed in and online');
  await a.page.keyboard.press('Escape');
  await expectVisible(online(a), 'device A online');
  if (await loginScreen(a).count()) throw new Error('device A shows the login screen after revoking B');

  step('device A logs out');
  const aRefreshToken = await a.page.evaluate(() => sessionStorage.getItem('parley.refreshToken'));
  await byTestId(a.page, 'logout-button').click();
  const aOut = await expectLoginScreen(a, Date.now(), STEP_TIMEOUT_MS, 'device A on the login screen after "Log out"');
  if (aOut.notice) throw new Error(`a plain log-out should show no notice; it shows "${aOut.notice}"`);
  const left = await a.page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('parley.')));
  if (left.length) throw new Error(`device A kept ${left.join(', ')} in sessionStorage after logging out`);
  const after = await fetch(`${baseUrl}/auth/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: aRefreshToken }) });
  if (after.status !== 401) throw new Error(`device A's refresh token should be dead after the log-out; /auth/refresh answered ${after.status}`);
  await shot(a, 's08-device-a-logged-out.png');

  step('both devices sign in again; device B chooses "Log out everywhere"');
  await signIn(a);
  await signIn(b);
  await openSessions(b);
  await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="session"]').length >= 2, null, { timeout: STEP_TIMEOUT_MS }).catch(() => {});
  rows = await sessionRows(b);
  if (rows.length !== 2 || rows.filter((r) => r.current).length !== 1) throw new Error(`expected the two new sessions in device B's list: ${JSON.stringify(rows)}`);
  await shot(b, 's09-sessions-before-logout-all.png');
  const aClosesBefore = (await closes(a)).length;
  const allOutAt = Date.now();
  await byTestId(b.page, 'logout-all-button').click();
  const bAll = await expectLoginScreen(b, allOutAt, STEP_TIMEOUT_MS, 'device B on the login screen after "Log out everywhere"');
  if (bAll.notice) throw new Error(`device B chose to log out; its login screen should show no notice, it shows "${bAll.notice}"`);
  await shot(b, 's10-device-b-logged-out-everywhere.png');

  step('device A ends on the login screen with a notice');
  const aAll = await expectLoginScreen(a, allOutAt, lifetimeMs + STEP_TIMEOUT_MS, 'device A on the login screen after "Log out everywhere" on device B');
  step(`  after ${(aAll.took / 1000).toFixed(1)} s, notice "${aAll.notice}"`);
  if (!/session has ended/i.test(aAll.notice)) throw new Error(`device A's login screen should say the session has ended; it says "${aAll.notice}"`);
  const aCloses = (await closes(a)).slice(aClosesBefore);
  const aClose = aCloses.find((c) => c.code === 4401);
  socketHalfCheck('device A\'s socket was closed with 4401 within 1 s of "Log out everywhere"',
    Boolean(aClose) && aClose.at - allOutAt <= REVOCATION_CLOSE_MS,
    aClose ? `4401 after ${aClose.at - allOutAt} ms, "${aClose.reason}"` : `closes: ${aCloses.map((c) => c.code).join(', ') || 'none'}; login screen after ${aAll.took} ms`);
  await shot(a, 's11-device-a-signed-out-elsewhere.png');

  for (const d of [a, b]) {
    if (d.pageErrors.length) throw new Error(`uncaught errors in ${d.name}'s page: ${d.pageErrors.join(' | ')}`);
    if (!d.documentPolicy) throw new Error(`${d.name}'s page came without a Content-Security-Policy header`);
    const refused = d.console.filter((line) => line.includes('Content Security Policy'));
    if (refused.length) throw new Error(`the Content-Security-Policy refused parts of ${d.name}'s page: ${refused.join(' | ')}`);
    const reused = d.refreshes.filter((r) => r.code === 'REFRESH_TOKEN_REUSED');
    if (reused.length) throw new Error(`${d.name} presented a used refresh token (${reused.length}×): refreshes overlapped`);
  }

  const unmet = socketHalf.filter((c) => !c.ok);
  if (unmet.length) {
    throw new Error(`every other step passed, but ${unmet.length} check(s) of the gateway's socket half (reauth, 4401 closes) were not met:\n`
      + unmet.map((c) => `  - ${c.check}: ${c.detail}`).join('\n'));
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
  const devices = [];
  let failed = false;
  let timer;
  try {
    const a = await openDevice(browser, 'A');
    const b = await openDevice(browser, 'B');
    devices.push(a, b);
    await Promise.race([
      run(a, b),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the sessions test did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`)), TOTAL_TIMEOUT_MS);
      }),
    ]);
    step('PASSED');
  } catch (error) {
    failed = true;
    console.error(`\nFAILED: ${error.stack || error.message}`);
    for (const d of devices) {
      const file = `failure-sessions-device-${d.label.toLowerCase()}.png`;
      try {
        await d.page.screenshot({ path: path.join(outDir, file), timeout: 10_000 });
        console.error(`screenshot of ${d.name}'s page: ${path.join(outDir, file)}`);
      } catch (e) {
        console.error(`could not take ${file}: ${e.message}`);
      }
    }
    for (const d of devices) {
      const socketCloses = await closes(d).catch(() => []);
      console.error(`\n--- console of ${d.name}'s page (${d.page.url()}) ---`);
      console.error(d.console.length ? d.console.join('\n') : '(nothing)');
      console.error(`socket closes: ${socketCloses.map((c) => `${c.code} "${c.reason}"`).join(', ') || 'none'}`);
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
