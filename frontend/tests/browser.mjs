// Shared helpers for the browser tests: Chromium from Debian through playwright-core, sign-in through the real
// Keycloak page, and small assertions that name what failed.
import { chromium } from 'playwright-core';

export const BASE = (process.env.AGORA_BASE_URL || 'http://localhost:8081').replace(/\/$/, '');
export const OUT = process.env.AGORA_BROWSER_OUT || new URL('../../target/browser', import.meta.url).pathname;
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

const failures = [];
export function check(condition, message) {
  if (!condition) {
    failures.push(message);
    console.error(`  FAIL ${message}`);
  } else {
    console.log(`  ok   ${message}`);
  }
}
export function failed() {
  return failures;
}

/** Signs in from the current page: the Sign in link, Keycloak's own form, back to where we were. */
export async function signIn(page, user, attempt = 1) {
  try {
    await signInOnce(page, user);
  } catch (e) {
    if (attempt >= 2) throw e;
    // Keycloak on a loaded machine sometimes answers its own form with "page expired": once more, and say so
    console.log(`  note ${e.message}; trying once more`);
    await page.goto(`${BASE}/`);
    await signIn(page, user, attempt + 1);
  }
}

async function signInOnce(page, user) {
  await page.getByRole('link', { name: 'Sign in', exact: true }).first().click();
  await page.waitForSelector('#username', { timeout: 20000 });
  await page.fill('#username', user);
  await page.fill('#password', user);
  await page.click('#kc-login');
  try {
    await page.waitForURL((url) => url.toString().startsWith(BASE), { timeout: 30000 });
  } catch (e) {
    // say what Keycloak said (wrong password, locked account, ...) and keep a picture of it
    const said = await page.locator('#input-error, .kc-feedback-text, .alert-error, [id*=error]').allTextContents().catch(() => []);
    await page.screenshot({ path: `${OUT}/screenshots/sign-in-failed-${user}.png` }).catch(() => {});
    throw new Error(`sign-in as ${user} stayed at ${page.url()}: ${said.join(' ').trim() || 'no message'}`);
  }
  await page.waitForSelector('.account strong');
}

/** Marks the page; if the mark is gone later, the page was reloaded. */
export async function markPage(page) {
  await page.evaluate(() => { window.__agoraNoReload = true; });
}
export async function notReloaded(page) {
  return page.evaluate(() => window.__agoraNoReload === true);
}
