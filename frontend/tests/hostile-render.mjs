// Renders pages that hold the stored hostile corpus (comments, report notes, labels, word lists, sanction reasons)
// in real Chromium and fails if any script runs: a dialog opening, a request to the canary host xss.invalid, an
// event-handler attribute or a javascript:/vbscript:/data:text URL left in the DOM, or a CSP violation (an inline
// script the sanitiser let through, which only the policy stopped).
//
//   node frontend/tests/hostile-render.mjs CONFIG.json
//   CONFIG: {"pages": [{"url": "http://localhost:8085/...", "cookies": {"name": "value", ...}}, ...]}
//
// Run by org.agora.security.HostileInputTest (./mvnw verify); prints one JSON line per page and a summary line.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let findings = 0;
try {
  for (const target of config.pages) {
    const url = new URL(target.url);
    const context = await browser.newContext();
    await context.addCookies(Object.entries(target.cookies || {}).map(([name, value]) =>
      ({ name, value, domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Lax' })));
    // runs before any page script, outside the page's CSP
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sample || ''})`));
    });
    const page = await context.newPage();
    const events = [];
    page.on('dialog', async (dialog) => { events.push(`dialog ${dialog.type()}: ${dialog.message()}`); await dialog.dismiss(); });
    page.on('request', (request) => {
      if (new URL(request.url()).hostname.endsWith('xss.invalid')) events.push(`request to ${request.url()}`);
    });
    page.on('pageerror', (error) => events.push(`page error: ${error.message}`));
    // a thread holding the whole corpus is a big page, and the build machine may be busy: allow two minutes
    const response = await page.goto(target.url, { waitUntil: 'load', timeout: 120_000 });
    // let onload/onerror/animation handlers fire, and hover and focus everything once
    await page.waitForTimeout(300);
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('body *')) {
        for (const type of ['mouseover', 'focus', 'click']) {
          if (type === 'click' && (el.tagName === 'A' || el.tagName === 'BUTTON' || el.closest('form'))) continue;
          el.dispatchEvent(new Event(type, { bubbles: true }));
        }
      }
    });
    await page.waitForTimeout(200);
    const dom = await page.evaluate(() => {
      const bad = [];
      const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc'];
      for (const el of document.querySelectorAll('*')) {
        for (const attribute of el.attributes) {
          const name = attribute.name.toLowerCase();
          const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (name.startsWith('on')) bad.push(`<${el.tagName.toLowerCase()} ${name}>`);
          if (urlAttributes.includes(name) && /^(javascript|vbscript|data:text|data:application)/.test(value)) {
            bad.push(`<${el.tagName.toLowerCase()} ${name}="${attribute.value.slice(0, 60)}">`);
          }
        }
      }
      for (const el of document.querySelectorAll('script')) {
        if (!el.src || new URL(el.src).origin !== location.origin) bad.push(`<script ${el.src || 'inline'}>`);
      }
      for (const el of document.querySelectorAll('iframe, object, embed, base, meta[http-equiv]')) bad.push(`<${el.tagName.toLowerCase()}>`);
      return { bad, violations: window.__violations, text: document.body.innerText.length };
    });
    events.push(...dom.bad.map((b) => `in the DOM: ${b}`), ...dom.violations.map((v) => `CSP violation: ${v}`));
    findings += events.length;
    console.log(JSON.stringify({ url: target.url, status: response.status(), textLength: dom.text, events }));
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`hostile-render: ${config.pages.length} pages, ${findings} findings`);
process.exit(findings === 0 ? 0 : 1);
