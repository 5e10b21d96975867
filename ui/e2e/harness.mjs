// harness.mjs — what the browser tests share: users in their own browser contexts (with their
// console output and page errors), test-id locators, screenshots, waiting with a clear message,
// registering through the UI, sending and seeing messages, and the run with its failure report.

import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export const STEP_TIMEOUT_MS = 20_000; // one UI expectation; the real stack answers in well under a second
export const VIEWPORT = { width: 1280, height: 800 }; // ≥ 1180 px: the member list is a visible column
export const PASSWORD = 'correct-horse-battery-staple';

export function createHarness({ baseUrl, outDir }) {
  const started = Date.now();
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  function step(text) {
    console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);
  }

  /** One user: a browser context, its page, and everything the page printed. Dialogs (confirm) are accepted. */
  async function openUser(browser, name) {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC' });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const user = {
      name, email: `${name.split(' ')[0].toLowerCase()}.${stamp}@example.com`, context, page, console: [], pageErrors: [], documentPolicy: null, id: null,
    };
    page.on('response', (r) => {
      if (r.request().resourceType() === 'document') user.documentPolicy = r.headers()['content-security-policy'] ?? null;
    });
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
    page.on('dialog', (dialog) => dialog.accept());
    return user;
  }

  const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

  /** A `message` row whose content is exactly `text`, optionally in a given data-state. */
  function message(page, text, state) {
    return page.locator(state ? `[data-testid="message"][data-state="${state}"]` : '[data-testid="message"]')
      .filter({ has: page.locator('[data-testid="message-content"]', { hasText: new RegExp(`^${escapeRegExp(text)}$`) }) });
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

  async function expectGone(locator, what, timeout = STEP_TIMEOUT_MS) {
    try {
      await locator.waitFor({ state: 'detached', timeout });
    } catch (error) {
      throw new Error(`expected ${what} to go within ${timeout} ms: ${error.message.split('\n')[0]}`);
    }
  }

  async function register(user) {
    const { page } = user;
    await page.goto(`${baseUrl}/`);
    await byTestId(page, 'register-tab').click();
    await byTestId(page, 'display-name').fill(user.name);
    await byTestId(page, 'email').fill(user.email);
    await byTestId(page, 'password').fill(PASSWORD);
    await byTestId(page, 'register-button').click();
    const me = byTestId(page, 'current-user');
    const formErrors = page.locator('[data-testid$="-error"]:not([hidden])');
    await expectVisible(me.filter({ hasText: user.name }).or(formErrors).first(), `${user.name}'s name in the sidebar after registering`);
    if (await formErrors.count()) throw new Error(`registering ${user.email} failed: ${(await formErrors.allTextContents()).join(' | ')}`);
    user.id = await me.getAttribute('data-user-id');
    if (!user.id) throw new Error(`current-user of ${user.name} has no data-user-id`);
    await expectVisible(page.locator('[data-testid="connection-state"][data-state="online"]'), `${user.name}'s socket to be online`);
  }

  /** Sends `text` through the composer and waits until the sender's own bubble is delivered. */
  async function send(user, text) {
    await byTestId(user.page, 'message-input').fill(text);
    await byTestId(user.page, 'send-button').click();
    await expectVisible(message(user.page, text), `${user.name}'s own bubble "${text}"`);
    await expectVisible(message(user.page, text, 'delivered'), `${user.name}'s "${text}" to reach data-state="delivered"`);
  }

  /**
   * Launches Debian's Chromium (CHROMIUM, else /usr/bin/chromium), opens the named users, runs
   * `scenario(users)` within `totalTimeoutMs`, and exits: 0 after PASSED; 1 after a failure, with
   * failure-*.png of every page and every page's console output.
   */
  async function runMain(names, totalTimeoutMs, scenario) {
    await mkdir(outDir, { recursive: true });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    const users = [];
    let failed = false;
    let timer;
    try {
      for (const name of names) users.push(await openUser(browser, name));
      await Promise.race([
        scenario(users),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the browser test did not finish within ${totalTimeoutMs / 1000} s`)), totalTimeoutMs);
        }),
      ]);
      for (const user of users) {
        if (user.pageErrors.length) throw new Error(`uncaught errors in ${user.name}'s page: ${user.pageErrors.join(' | ')}`);
      }
      step('PASSED');
    } catch (error) {
      failed = true;
      console.error(`\nFAILED: ${error.stack || error.message}`);
      for (const user of users) {
        const file = `failure-${user.name.split(' ')[0].toLowerCase()}.png`;
        await user.page.screenshot({ path: path.join(outDir, file), timeout: 10_000 }).catch((e) => console.error(`could not take ${file}: ${e.message}`));
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

  return { stamp, step, byTestId, message, shot, expectVisible, expectGone, register, send, runMain };
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
