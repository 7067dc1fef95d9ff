// Browser journeys against a running Agora (AGORA_BASE_URL) with real Keycloak sign-in, in Debian's Chromium:
// sign in, read the article, answer "Why now?", a second user replies in a second context and the reply arrives
// live in the first, vote, react and change the reaction, keyboard-only use of the reaction widget and a vote,
// sign out; the same at 360 px; the same answer without JavaScript; @mention autocomplete (axe with the list open)
// and quoting an article passage and a comment. Then axe on every page type (signed in and out, light and dark),
// screenshots, and the pages' HTML saved for the Nu Html Checker (tests/validate.mjs).
// Exits non-zero when anything failed.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { BASE, OUT, launch, check, failed, signIn, markPage, notReloaded } from './browser.mjs';

fs.mkdirSync(path.join(OUT, 'screenshots'), { recursive: true });
fs.mkdirSync(path.join(OUT, 'html'), { recursive: true });
const stamp = Date.now().toString(36);
const browser = await launch();

/** Presses Tab until the element has focus (at most `max` times); true when it got there. */
async function tabTo(page, locator, max) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await locator.evaluate((el) => el === document.activeElement)) return true;
  }
  return false;
}

async function articlePath(page) {
  await page.goto(`${BASE}/`);
  const href = await page.locator('.article-list a').first().getAttribute('href');
  return href;
}

async function threadPath(page, label) {
  await page.goto(BASE + (await articlePath(page)));
  return page.locator('aside.questions a', { hasText: label }).first().getAttribute('href');
}

async function journey({ width, user, replier }) {
  const tag = `${width}px`;
  console.log(`journey at ${tag} as ${user}, reply by ${replier}`);
  const viewport = { width, height: width < 600 ? 760 : 900 };
  const ctxA = await browser.newContext({ viewport });
  const a = await ctxA.newPage();
  const errors = [];
  a.on('pageerror', (e) => errors.push(e.message));
  // the offline step makes requests fail on purpose; anything else logged as an error counts
  // (with the URL: "Failed to load resource" alone doesn't say which)
  a.on('console', (m) => { if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED/.test(m.text())) errors.push(`${m.text()} [${m.location().url}]`); });

  // sign in through the Keycloak page, then read the article
  await a.goto(`${BASE}/`);
  await signIn(a, user);
  check((await a.locator('.account strong').textContent()) === user, `${tag}: signed in as ${user} through Keycloak`);
  const article = await articlePath(a);
  await a.goto(BASE + article);
  check(await a.locator('article h1').isVisible(), `${tag}: the article shows its title`);
  check((await a.locator('article mark').count()) > 0, `${tag}: the article highlights its questions`);
  const wide = await a.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= width, `${tag}: the article page fits the width (scrollWidth ${wide})`);

  // answer "Why now?" without a reload
  const thread = await a.locator('aside.questions a', { hasText: 'Why now?' }).first().getAttribute('href');
  check(!!thread, `${tag}: the article lists the question "Why now?"`);
  await a.goto(BASE + thread);
  await a.waitForFunction(() => document.querySelector('[data-live]')?.dataset.liveState === 'open');
  await a.waitForFunction(() => document.querySelector('[data-live-unread]')?.dataset.liveState === 'open');
  await markPage(a);
  // the article page, open in another tab, will show the new answer count live
  const overview = await ctxA.newPage();
  await overview.goto(BASE + article);
  await overview.waitForFunction(() => document.querySelector('[data-live]')?.dataset.liveState === 'open');
  const liveCount = overview.locator(`.question-meta a[href="${thread}"]`).first();
  const countBefore = await liveCount.textContent();

  const answer = `Because the region matters now (${tag} ${stamp})`;
  await a.fill('#answer-body', answer);
  // offline: a clear inline message, and the text stays
  await ctxA.setOffline(true);
  await a.click('form.comment-form button[type=submit] >> nth=0');
  await a.locator('form.comment-form .inline-error').first().waitFor();
  check(/reach/i.test(await a.locator('form.comment-form .inline-error').first().textContent()), `${tag}: offline, the form says it could not reach Agora`);
  check((await a.inputValue('#answer-body')) === answer, `${tag}: offline, the typed answer is kept`);
  await ctxA.setOffline(false);
  // a double click posts once
  await a.dblclick('form.comment-form button[type=submit] >> nth=0');
  const mine = a.locator('li.comment', { hasText: answer });
  await mine.first().waitFor({ timeout: 10000 });
  await a.waitForTimeout(1000); // let a second request, if one was sent, come back
  check(await notReloaded(a), `${tag}: the answer appears without a reload`);
  check((await mine.count()) === 1, `${tag}: a double click posts one answer, not two`);
  await overview.waitForFunction(([href, before]) => document.querySelector(`.question-meta a[href="${href}"]`)?.textContent !== before,
    [thread, countBefore], { timeout: 15000 });
  check(true, `${tag}: the article page in another tab updated its count live (${(await liveCount.textContent()).trim()})`);
  await overview.close();
  check((await a.inputValue('#answer-body')) === '', `${tag}: the answer box is empty again`);
  const answerId = await mine.first().getAttribute('id');

  const unreadBefore = Number((await a.locator('.notifications-nav .unread-count').count())
    ? await a.locator('.notifications-nav .unread-count').textContent() : 0);
  // a second person replies in a second browser context; it arrives live in the first, politely
  const ctxB = await browser.newContext({ viewport });
  const b = await ctxB.newPage();
  await b.goto(BASE + thread);
  await signIn(b, replier);
  await b.goto(BASE + thread);
  const reply = `I doubt it, ${user} (${tag} ${stamp})`;
  const target = b.locator(`#${answerId}`);
  await target.locator('details.reply > summary').click();
  await target.locator('details.reply textarea').fill(reply);
  await target.locator('details.reply button[type=submit]').click();
  await b.locator('li.comment', { hasText: reply }).first().waitFor({ timeout: 10000 });
  // the reply notifies the first person: the header's unread count goes up live, and is read out politely
  await a.waitForFunction((before) => Number(document.querySelector('.notifications-nav .unread-count')?.textContent || 0) > before,
    unreadBefore, { timeout: 15000 });
  const unreadNow = Number(await a.locator('.notifications-nav .unread-count').textContent());
  check(true, `${tag}: the header's unread count went up live (${unreadBefore} → ${unreadNow})`);
  check((await a.locator('#unread-status').textContent()).includes(String(unreadNow)), `${tag}: the live region reads out the new count`);
  const show = a.locator('#live-new button');
  await show.waitFor({ timeout: 15000 });
  check(/1 new (comment|answer)/.test(await show.textContent()), `${tag}: the first page offers "1 new comment — show"`);
  await show.click();
  const arrived = a.locator('li.comment', { hasText: reply });
  check(await arrived.isVisible(), `${tag}: the reply arrived live and shows after "show"`);
  check(await notReloaded(a), `${tag}: still no reload`);
  await a.screenshot({ path: path.join(OUT, 'screenshots', `journey-thread-live-${tag}.png`) });
  // marking everything read in another tab clears this tab's count live
  const inbox = await ctxA.newPage();
  await inbox.goto(`${BASE}/notifications`);
  await inbox.locator('form[action="/notifications/read"] button').click();
  await inbox.waitForURL(/\/notifications/);
  await a.waitForFunction(() => !document.querySelector('.notifications-nav .unread-count'), null, { timeout: 15000 });
  check(true, `${tag}: marking all read in another tab cleared the count here live`);
  await inbox.close();

  // vote on the reply (keyboard only: Tab to the button, Space), score and aria-pressed update, focus stays
  const up = arrived.locator('form.votes button').first();
  await arrived.locator('.meta').first().click(); // start tabbing from the reply itself
  check(await tabTo(a, up, 20), `${tag}: the reply's upvote button is reachable with Tab`);
  await a.keyboard.press('Space');
  await a.waitForFunction((id) => document.querySelector(`#${id} form.votes button`)?.getAttribute('aria-pressed') === 'true',
    await arrived.getAttribute('id'));
  check(/^1\b/.test((await arrived.locator('form.votes .score').textContent()).trim()), `${tag}: the upvote counts (score 1)`);
  check(await up.evaluate((el) => el === document.activeElement), `${tag}: focus stays on the vote button`);
  check(await notReloaded(a), `${tag}: voting does not reload`);

  // edit the answer in place
  await mine.locator('.actions a[href$="/edit"]').click();
  const editor = mine.locator('.inline-edit textarea');
  await editor.waitFor();
  await editor.fill(`${answer} (edited)`);
  await mine.locator('.inline-edit button[type=submit]').click();
  await a.locator('li.comment', { hasText: `${answer} (edited)` }).first().waitFor({ timeout: 10000 });
  check((await mine.locator('.inline-edit').count()) === 0 && (await notReloaded(a)), `${tag}: the answer is edited in place`);

  // the second person reports the answer, in place
  await b.goto(BASE + thread);
  const report = b.locator(`#${answerId} details.report`);
  await report.locator('summary').click();
  await report.locator('select').selectOption('off_topic');
  await report.locator('button[type=submit]').click();
  await b.locator('#live-status', { hasText: /moderators|already/i }).waitFor({ timeout: 10000 });
  check(true, `${tag}: the report is filed in place (${(await b.locator('#live-status').textContent()).trim()})`);

  // react and change the reaction on the article, with the keyboard only
  await a.goto(BASE + article);
  await markPage(a);
  const love = a.locator('form.reaction-widget button', { hasText: 'love' });
  const wow = a.locator('form.reaction-widget button', { hasText: 'wow' });
  await a.locator('#reactions h2').click();
  check(await tabTo(a, love, 20), `${tag}: the reaction buttons are reachable with Tab`);
  await a.keyboard.press('Enter');
  await a.waitForFunction(() => [...document.querySelectorAll('form.reaction-widget button')]
    .some((b) => b.textContent.includes('love') && b.getAttribute('aria-pressed') === 'true'));
  check(await love.evaluate((el) => el === document.activeElement), `${tag}: focus stays on "love"`);
  check(await tabTo(a, wow, 10), `${tag}: Tab moves on to "wow"`);
  await a.keyboard.press('Space');
  await a.waitForFunction(() => [...document.querySelectorAll('form.reaction-widget button')]
    .some((b) => b.textContent.includes('wow') && b.getAttribute('aria-pressed') === 'true'));
  check((await love.getAttribute('aria-pressed')) === 'false', `${tag}: changing to "wow" releases "love"`);
  check(await notReloaded(a), `${tag}: reacting does not reload`);
  await a.locator('#reactions').screenshot({ path: path.join(OUT, 'screenshots', `journey-reactions-${tag}.png`) });

  // sign out
  await a.getByRole('button', { name: 'Sign out' }).click();
  await a.waitForURL((url) => url.toString().startsWith(BASE) && !url.toString().includes('/logout'), { timeout: 20000 });
  await a.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor();
  check(true, `${tag}: signed out`);
  check(errors.length === 0, `${tag}: no script errors (${errors.join(' | ')})`);
  await ctxA.close();
  await ctxB.close();
}

/** Selects the first `length` characters of the element's first text node and lets go of the mouse there. */
async function selectText(page, locator, length) {
  await locator.evaluate((el, n) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: (t) => (t.data.trim().length >= n ? 1 : 3) });
    const node = walker.nextNode();
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, n);
    document.getSelection().removeAllRanges();
    document.getSelection().addRange(range);
    el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, length);
}

/** @mention autocomplete with the keyboard; quoting an article passage and a comment. */
async function composing() {
  console.log('mentions and quotes');
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  const thread = await threadPath(p, 'Why now?');
  await p.goto(BASE + thread);
  await signIn(p, 'bob');
  await p.goto(BASE + thread);

  // type "@al": a listbox of members opens, Down/Up move, Enter inserts "@alice", Escape closes
  const box = p.locator('#answer-body');
  await box.click();
  await p.keyboard.type('Thanks @al');
  const option = p.locator('[role=listbox] [role=option]', { hasText: '@alice' }).first();
  await option.waitFor({ timeout: 10000 });
  check((await box.getAttribute('aria-autocomplete')) === 'list' && (await box.getAttribute('aria-controls')) === (await p.locator('[role=listbox]').first().getAttribute('id')),
    'mention: the textarea autocompletes from the listbox it controls');
  const open = await new AxeBuilder({ page: p }).include('section.answer').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  check(open.passes.length > 3 && open.violations.length === 0,
    `mention: axe with the list open: ${open.violations.map((v) => v.id).join(', ') || 'no violations'}`);
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowUp');
  const activeId = await box.getAttribute('aria-activedescendant');
  check(activeId === (await option.getAttribute('id')) && (await option.getAttribute('aria-selected')) === 'true',
    `mention: aria-activedescendant names the selected option (${activeId})`);
  await p.keyboard.press('Enter');
  check((await box.inputValue()) === 'Thanks @alice ', `mention: Enter inserts @alice (${JSON.stringify(await box.inputValue())})`);
  check((await p.locator('[role=listbox]').first().isHidden()) && !(await box.getAttribute('aria-activedescendant')),
    'mention: the list closes after the choice');
  await p.keyboard.type('and @al');
  await option.waitFor({ timeout: 10000 });
  await p.keyboard.press('Escape');
  check(await p.locator('[role=listbox]').first().isHidden(), 'mention: Escape closes the list');
  await box.fill('');

  // in an anonymous seminar, "@Stu" offers peers by pseudonym only, and the real name never shows
  const tutorCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const t = await tutorCtx.newPage();
  await t.goto(`${BASE}/`);
  await signIn(t, 'tutor');
  await t.goto(`${BASE}/seminars`);
  await t.fill('#seminar-name', `Pseudonymous mentions (${stamp})`);
  await t.locator('form.seminar-form input[name=articles]').first().check();
  await t.locator('form.seminar-form input[name=anonymous]').check();
  await Promise.all([t.waitForNavigation(), t.locator('form.seminar-form button[type=submit]').click()]);
  const seminarPath = new URL(t.url()).pathname;
  const code = (await t.locator('.join-code').textContent()).trim();
  const firstArticle = await t.locator('section[aria-labelledby=articles-heading] li a').first().getAttribute('href');
  for (const [page, user] of [[p, 'bob'], [t, 'alice']]) {
    if (user === 'alice') {
      await tutorCtx.clearCookies();
      await t.goto(`${BASE}/`);
      await signIn(t, 'alice');
    }
    await page.goto(`${BASE}/seminars/join?code=${encodeURIComponent(code)}`);
    await Promise.all([page.waitForNavigation(), page.locator('form.join-form button[type=submit]').click()]);
  }
  await tutorCtx.close();
  await p.goto(BASE + firstArticle);
  await p.locator('main a[href^="/seminars/"][href*="/questions/"]').first().click();
  check(new URL(p.url()).pathname.startsWith(seminarPath), `seminar mention: bob is in the seminar thread (${new URL(p.url()).pathname})`);
  const seminarBox = p.locator('#answer-body');
  await seminarBox.click();
  await p.keyboard.type('Agree with @Stu');
  const peer = p.locator('[role=listbox] [role=option]').first();
  await peer.waitFor({ timeout: 10000 });
  const offered = await p.locator('[role=listbox] [role=option]').allTextContents();
  check(offered.length > 0 && offered.every((o) => /^@Student-\d+$/.test(o)) && !offered.join(' ').includes('alice'),
    `seminar mention: the list offers pseudonyms only (${offered.join(', ')})`);
  await p.keyboard.press('Enter');
  check(/^Agree with @Student-\d+ $/.test(await seminarBox.inputValue()), `seminar mention: Enter inserts the pseudonym (${JSON.stringify(await seminarBox.inputValue())})`);
  await seminarBox.fill('');

  // select a passage of the article: "Quote in reply" opens the answer form with the passage
  const article = await articlePath(p);
  await p.goto(BASE + article);
  const block = p.locator('article.article p[id^="b-"]').first();
  const blockId = await block.getAttribute('id');
  await selectText(p, block, 24);
  const quoteButton = p.locator('button.quote-button');
  await quoteButton.waitFor({ timeout: 5000 });
  await Promise.all([p.waitForNavigation(), quoteButton.click()]);
  check(/\/questions\/\d+/.test(p.url()) && (await p.locator('.quote-preview').count()) === 1, `quote: the answer form of ${new URL(p.url()).pathname} shows the passage`);
  const quoting = `Quoting the article (${stamp})`;
  await p.fill('#answer-body', quoting);
  await p.click('form.comment-form button[type=submit] >> nth=0');
  const posted = p.locator('li.comment', { hasText: quoting }).first();
  await posted.waitFor({ timeout: 10000 });
  const back = await posted.locator('blockquote a').first().getAttribute('href');
  check((await posted.locator('blockquote').count()) === 1 && back.includes(`${article}#${blockId}:~:text=`),
    `quote: the answer carries the passage as a quote linking back (${back})`);
  check((await p.locator('.quote-preview').count()) === 0, 'quote: the form forgets the passage once posted');

  // select words of that comment: the reply opens with a quote linking to the comment
  await selectText(p, posted.locator('.body > p').last(), 8);
  await quoteButton.waitFor({ timeout: 5000 });
  await quoteButton.click();
  const commentId = await posted.getAttribute('id');
  const reply = posted.locator('details.reply textarea');
  check((await reply.inputValue()).startsWith('> Quoting') && (await reply.inputValue()).includes(`#${commentId})`),
    'quote: quoting a comment prefills its reply with a quote linking to it');
  await reply.press('End');
  await reply.type(`my reply (${stamp})`);
  await posted.locator('details.reply button[type=submit]').click();
  const answered = p.locator('li.comment', { hasText: `my reply (${stamp})` }).first();
  await answered.waitFor({ timeout: 10000 });
  const toComment = await answered.locator('blockquote a').first().getAttribute('href');
  check(toComment.endsWith(`#${commentId}`), `quote: the reply links to the quoted comment (${toComment})`);
  check(errors.length === 0, `compose: no script errors (${errors.join(' | ')})`);
  await ctx.close();
}

async function withoutJavaScript() {
  console.log('without JavaScript');
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  const thread = await threadPath(p, 'Why now?');
  await p.goto(BASE + thread);
  await signIn(p, 'carol');
  await p.goto(BASE + thread);
  const text = `Plain form answer (${stamp})`;
  await p.fill('#answer-body', text);
  await Promise.all([p.waitForNavigation(), p.click('form.comment-form button[type=submit] >> nth=0')]);
  check((await p.locator('li.comment', { hasText: text }).count()) === 1, 'no JS: the plain form posts the answer');
  check((await p.locator('.flash').textContent()).includes('posted'), 'no JS: the page says it is posted');
  await ctx.close();
}

/** Every page type, signed out and in, light and dark: axe with zero violations, a screenshot, the HTML saved. */
async function audit() {
  console.log('axe, screenshots and HTML of every page type');
  const probe = await browser.newPage();
  const article = await articlePath(probe);
  const thread = await threadPath(probe, 'Why now?');
  await probe.close();
  const pages = [['index', '/'], ['article', article], ['thread', thread], ['not-found', '/articles/no-such-article'],
    ['search', '/search?q=NATO'], ['profile', '/members/alice'], ['compare', `${article}/compare`]];
  const signedInPages = [['notifications', '/notifications'], ['settings', '/me/settings'], ['seminars', '/seminars'],
    ['seminar-join', '/seminars/join']];
  const modPages = [['moderation-queue', '/moderation?state=pending'], ['moderation-log', '/moderation/log'],
    ['moderation-words', '/moderation/words'], ['moderation-member', '/moderation/members/alice']];
  for (const who of [null, 'alice', 'mod']) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${BASE}/`);
    if (who) await signIn(page, who);
    const list = [...pages, ...(who ? signedInPages : []), ...(who === 'mod' ? modPages : [])];
    if (who === 'alice') {
      // an edit page needs a comment of one's own
      await page.goto(BASE + thread);
      await page.fill('#answer-body', `To edit later (${stamp})`);
      await page.click('form.comment-form button[type=submit] >> nth=0');
      const edit = page.locator('li.comment', { hasText: `To edit later (${stamp})` }).locator('a[href$="/edit"]');
      await edit.waitFor();
      list.push(['edit', await edit.getAttribute('href')]);
    }
    for (const [name, url] of list) {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(BASE + url);
        const label = `${name}-${who || 'anonymous'}-${scheme}`;
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
        const summary = result.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
        check(result.passes.length > 10, `axe ${label}: the checker ran (${result.passes.length} rules passed)`);
        check(result.violations.length === 0, `axe ${label}: ${summary.length ? summary.join('; ') : 'no violations'}`);
        await page.screenshot({ path: path.join(OUT, 'screenshots', `${label}.png`), fullPage: true });
        if (scheme === 'light') {
          const response = await page.request.get(BASE + url);
          fs.writeFileSync(path.join(OUT, 'html', `${name}-${who || 'anonymous'}.html`), await response.text());
        }
      }
    }
    await ctx.close();
  }
}

const only = process.argv[2];
try {
  if (!only || only === 'journeys') {
    await journey({ width: 1280, user: 'alice', replier: 'bob' });
    await journey({ width: 360, user: 'bob', replier: 'carol' });
    await withoutJavaScript();
  }
  if (!only || only === 'journeys' || only === 'compose') await composing();
  if (!only || only === 'audit') await audit();
} catch (e) {
  check(false, `the run stopped: ${e.stack || e}`);
} finally {
  await browser.close();
}
const failures = failed();
console.log(failures.length ? `browser tests: ${failures.length} FAILED` : 'browser tests: PASSED');
process.exit(failures.length ? 1 : 0);
