// Forms without reloads: vote, react, answer, reply, edit, delete and report post with fetch; the server answers
// as it does for plain forms (303 to the page, or the page with the error), and the answer is merged into this
// page in place. Failures show inline and keep what was typed. Each form carries the submission key the server
// rendered into it, so a repeated submit can never create a second comment; while a form is in flight, further
// submits of it are ignored.

const ENHANCED = 'form.votes, form.reaction-widget, form.comment-form, form.report-form, form[action$="/delete"]';

/**
 * A UI string in the page's language: the server renders them once per page (tags/jsmessages.html, from the
 * message bundle) into <template id="agora-messages">; %n stands for a number.
 */
export function text(key, n) {
  const value = document.getElementById('agora-messages')?.dataset[key] || key;
  return n === undefined ? value : value.replace('%n', String(n));
}

/** Reads a page the server answered with, as a document. */
export async function fetchPage(url, init = {}) {
  const response = await fetch(url, { credentials: 'same-origin', ...init,
    headers: { Accept: 'text/html', ...(init.headers || {}) } });
  const html = await response.text();
  return { response, doc: new DOMParser().parseFromString(html, 'text/html') };
}

/**
 * Closes a page's event stream when the page goes away, or when its sign-out form is submitted: signing out ends the
 * session the stream belongs to, and a reconnect before the next page would carry that session's cookie and get a 401
 * (seen once in BrowserIT as a console error right after "signed out").
 */
export function closeWithPage(source) {
  window.addEventListener('pagehide', () => source.close());
  document.addEventListener('submit', (event) => {
    if (event.target.matches('form[action="/logout"]')) source.close();
  });
}

/** A polite announcement for screen readers (and a visible toast). */
export function announce(message) {
  if (!message) return;
  let region = document.getElementById('live-status');
  if (!region) {
    region = document.createElement('div');
    region.id = 'live-status';
    region.className = 'live-status';
    region.setAttribute('role', 'status');
    document.body.append(region);
  }
  region.textContent = '';
  // a fresh text node after a tick, so the same message twice is announced twice; gone after a while
  setTimeout(() => { region.textContent = message; }, 30);
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => { region.textContent = ''; }, 8000);
}

function showError(form, message) {
  clearError(form);
  const p = document.createElement('p');
  p.className = 'error inline-error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  form.prepend(p);
}

function clearError(form) {
  form.querySelectorAll(':scope > .inline-error').forEach((e) => e.remove());
}

/** The message a refused request's page gives: the form's error, or the error page's text. */
function errorFrom(doc, status) {
  const inline = doc.querySelector('main .error');
  if (inline && inline.textContent.trim()) return inline.textContent.trim();
  const heading = doc.querySelector('main h1');
  const detail = doc.querySelector('main h1 + p');
  const joined = [heading?.textContent, detail?.textContent].filter(Boolean).join(': ').trim();
  return joined || `${text('refused')} (${status})`;
}

/** Copies attributes and texts of the vote buttons and score from a fresh page, keeping focus where it is. */
function syncVotes(current, fresh) {
  if (!current || !fresh) return;
  const buttons = current.querySelectorAll('button');
  const freshButtons = fresh.querySelectorAll('button');
  buttons.forEach((b, i) => {
    const f = freshButtons[i];
    if (!f) return;
    for (const name of ['value', 'aria-pressed', 'class', 'aria-label']) {
      if (f.hasAttribute(name)) b.setAttribute(name, f.getAttribute(name)); else b.removeAttribute(name);
    }
    if (b.innerHTML !== f.innerHTML) b.innerHTML = f.innerHTML;
  });
  current.querySelectorAll('.score, .count, .percent, .total').forEach((el, i) => {
    const f = fresh.querySelectorAll('.score, .count, .percent, .total')[i];
    // innerHTML: a count may carry visually hidden words for screen readers
    if (f && el.innerHTML !== f.innerHTML) el.innerHTML = f.innerHTML;
  });
}

function isBusyWith(element) {
  const active = document.activeElement;
  if (!element.contains(active)) return false;
  return active.matches('textarea, input:not([type=hidden]), select');
}

/** Brings one comment up to date from a fresh copy; what the reader is typing in it is left alone. */
function updateComment(current, fresh) {
  current.className = fresh.className + (current.classList.contains('live-new') ? ' live-new' : '');
  const actions = current.querySelector(':scope > .actions');
  const freshActions = fresh.querySelector(':scope > .actions');
  // the text part: everything before the actions
  const before = [...current.children].filter((c) => c !== actions && !c.matches('details.reply, .inline-edit, .reply-sign-in')
    && (!actions || (c.compareDocumentPosition(actions) & Node.DOCUMENT_POSITION_FOLLOWING)));
  const freshBefore = [...fresh.children].filter((c) => c !== freshActions && !c.matches('details.reply, .reply-sign-in')
    && (!freshActions || (c.compareDocumentPosition(freshActions) & Node.DOCUMENT_POSITION_FOLLOWING)));
  const same = before.length === freshBefore.length && before.every((c, i) => c.outerHTML === freshBefore[i].outerHTML);
  if (!same) {
    before.forEach((c) => c.remove());
    const anchor = current.firstChild;
    freshBefore.forEach((c) => current.insertBefore(document.importNode(c, true), anchor));
  }
  if (actions && freshActions) {
    const votes = actions.querySelector('form.votes');
    const freshVotes = freshActions.querySelector('form.votes');
    const structure = (el) => [...el.children].map((c) => c.tagName + c.className + (c.getAttribute('action') || '')).join();
    if (votes && freshVotes && structure(actions) === structure(freshActions)) {
      syncVotes(votes, freshVotes);
    } else if (!isBusyWith(actions)) {
      const hadFocus = actions.contains(document.activeElement);
      actions.replaceWith(document.importNode(freshActions, true));
      if (hadFocus) focusQuietly(current);
    }
  }
  const reply = current.querySelector(':scope > details.reply');
  if (reply && !fresh.querySelector(':scope > details.reply') && !reply.querySelector('textarea')?.value) reply.remove();
}

function focusQuietly(element) {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus({ preventScroll: true });
}

/**
 * Merges a fresh copy of the thread into the page: known comments are updated in place, new ones are inserted
 * where the fresh page has them. New comments stay hidden unless `reveal`; the inserted elements are returned.
 */
export function mergeThread(doc, { reveal }) {
  const fresh = doc.querySelector('ol.comments');
  syncVotes(document.querySelector('.question-bar'), doc.querySelector('.question-bar'));
  const counts = document.querySelector('.question-bar .counts');
  const freshCounts = doc.querySelector('.question-bar .counts');
  if (counts && freshCounts && counts.innerHTML !== freshCounts.innerHTML) counts.innerHTML = freshCounts.innerHTML;
  if (!fresh) return [];
  let list = document.querySelector('ol.comments');
  if (!list) {
    const thread = document.querySelector('section.thread');
    if (!thread) return [];
    thread.querySelectorAll(':scope > p').forEach((p) => p.remove());
    list = document.createElement('ol');
    list.className = 'comments';
    thread.append(list);
  }
  const added = [];
  let previous = null;
  for (const item of fresh.children) {
    let current = item.id ? document.getElementById(item.id) : null;
    if (current) {
      updateComment(current, item);
      if (reveal && current.hidden && current.classList.contains('live-new')) {
        // a live refresh may have brought this person's own post in first, behind the "new comments" button
        current.hidden = false;
        current.classList.remove('live-new');
        added.push(current);
      }
    } else {
      current = document.importNode(item, true);
      if (!reveal) {
        current.hidden = true;
        current.classList.add('live-new');
      }
      if (previous && previous.parentNode === list) previous.after(current); else list.prepend(current);
      added.push(current);
    }
    previous = current;
  }
  if (reveal && !list.querySelector(':scope > li.live-new[hidden]')) {
    const bar = document.getElementById('live-new');
    if (bar) bar.hidden = true;
  }
  return added;
}

/** Brings an article page's counts (reactions, questions' answers and scores) up to date, in place. */
export function mergeArticle(doc) {
  syncVotes(document.querySelector('#reactions'), doc.querySelector('#reactions'));
  const pairs = [['.questions .counts', '.questions .counts'], ['.question-meta a', '.question-meta a']];
  for (const [selector] of pairs) {
    const fresh = doc.querySelectorAll(selector);
    document.querySelectorAll(selector).forEach((el, i) => {
      if (fresh[i] && el.innerHTML !== fresh[i].innerHTML) el.innerHTML = fresh[i].innerHTML;
    });
  }
}

/** Refreshes the submission keys of the page's comment forms from a fresh render (one key per render). */
function refreshKey(form, doc) {
  const key = form.querySelector('input[name=submissionKey]');
  const fresh = doc.querySelector('input[name=submissionKey]');
  if (key && fresh) key.value = fresh.value;
}

async function submit(form, submitter) {
  if (form.dataset.busy) return; // a double click: the first submit is on its way
  form.dataset.busy = 'true';
  form.setAttribute('aria-busy', 'true');
  clearError(form);
  const body = new URLSearchParams(new FormData(form, submitter));
  try {
    const { response, doc } = await fetchPage(form.action, { method: 'POST', body });
    if (!response.ok) {
      showError(form, errorFrom(doc, response.status));
      return;
    }
    const flash = doc.querySelector('.flash')?.textContent.trim();
    if (form.matches('form.reaction-widget')) {
      mergeArticle(doc);
    } else if (form.matches('form.report-form')) {
      const details = form.closest('details');
      if (details) details.open = false;
      details?.querySelector('summary')?.focus();
    } else {
      const added = mergeThread(doc, { reveal: true });
      if (form.matches('form.comment-form')) {
        const textarea = form.querySelector('textarea');
        if (form.closest('.inline-edit')) {
          const item = form.closest('li.comment');
          form.closest('.inline-edit').remove();
          if (item) focusQuietly(item);
        } else {
          if (textarea) textarea.value = '';
          form.querySelectorAll('.quote-field').forEach((e) => e.remove()); // a quoted passage goes with one answer
          refreshKey(form, doc);
          const details = form.closest('details.reply');
          if (details) details.open = false;
          const mine = added[added.length - 1];
          if (mine) focusQuietly(mine);
        }
      }
    }
    announce(flash);
  } catch (e) {
    showError(form, text('offline'));
  } finally {
    delete form.dataset.busy;
    form.removeAttribute('aria-busy');
  }
}

async function openEditor(link) {
  const item = link.closest('li.comment');
  if (!item) return;
  const open = item.querySelector('.inline-edit');
  if (open) { open.querySelector('textarea')?.focus(); return; }
  try {
    const { response, doc } = await fetchPage(link.href);
    const form = doc.querySelector('main form.comment-form');
    if (!response.ok || !form) { window.location.href = link.href; return; }
    const box = document.createElement('div');
    box.className = 'inline-edit';
    const editor = document.importNode(form, true);
    const textarea = editor.querySelector('textarea');
    const id = `edit-body-${item.id}`;
    textarea.id = id;
    editor.querySelector('label')?.setAttribute('for', id);
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'link-button';
    cancel.textContent = text('cancel');
    cancel.addEventListener('click', () => { box.remove(); link.focus(); });
    editor.append(' ', cancel);
    box.append(editor);
    item.querySelector(':scope > .actions').after(box);
    textarea.focus();
  } catch (e) {
    window.location.href = link.href;
  }
}

export function enhanceForms() {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(ENHANCED) || !form.closest('main')) return;
    event.preventDefault();
    submit(form, event.submitter);
  });
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('li.comment > .actions a[href$="/edit"]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    openEditor(link);
  });
}
