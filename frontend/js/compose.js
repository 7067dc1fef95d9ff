// Writing help for the comment forms: @mention autocomplete (the ARIA combobox pattern as far as a textarea may
// carry it, with a listbox of members from GET /api/members; in a seminar, its members only, as pseudonyms when it
// is anonymous) and "Quote in reply" for selected text of the article
// or of a comment.
// Without JavaScript the forms work as before; @name typed by hand still notifies.
import { text } from './enhance.js';

const MENTION = /(^|[^\w@])@([\w.-]{1,30})$/;
let listId = 0;

/**
 * Where a comment form posts, as the query that asks for its suggestions: a public thread's question (members who
 * wrote publicly), or a seminar (its members only; in an anonymous seminar their pseudonyms, @Student-12).
 */
function scopeOf(form) {
  const path = new URL(form.action, location.href).pathname;
  const thread = /^\/articles\/[^/]+\/questions\/(\d+)\/comments$/.exec(path);
  if (thread) return `question=${thread[1]}`;
  const seminar = /^\/seminars\/(\d+)\/questions\/\d+\/comments$/.exec(path);
  return seminar ? `seminar=${seminar[1]}` : null;
}

function attachMentions(textarea) {
  if (textarea.dataset.mentions) return;
  const scope = scopeOf(textarea.form);
  if (!scope) return;
  textarea.dataset.mentions = 'on';
  const list = document.createElement('ul');
  list.id = `mention-list-${(listId += 1)}`;
  list.className = 'mention-list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', text('mentionList'));
  list.hidden = true;
  textarea.after(list);
  let active = -1;
  let options = [];
  let pending = 0;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    options = [];
    active = -1;
    textarea.removeAttribute('aria-activedescendant');
  };
  const highlight = (i) => {
    active = i;
    options.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)));
    if (i >= 0) textarea.setAttribute('aria-activedescendant', options[i].id);
    else textarea.removeAttribute('aria-activedescendant');
  };
  const choose = (mention) => {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const after = textarea.value.slice(textarea.selectionEnd);
    const m = MENTION.exec(before);
    if (!m) return close();
    const start = before.length - m[2].length - 1;
    const inserted = `@${mention} `;
    textarea.value = before.slice(0, start) + inserted + after;
    textarea.selectionStart = textarea.selectionEnd = start + inserted.length;
    close();
    textarea.focus();
  };
  const suggest = async () => {
    const m = MENTION.exec(textarea.value.slice(0, textarea.selectionStart));
    if (!m || textarea.selectionStart !== textarea.selectionEnd) return close();
    const ticket = (pending += 1);
    let found = [];
    try {
      const url = `/api/members?prefix=${encodeURIComponent(m[2])}&${scope}`;
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.ok) found = await response.json();
    } catch (e) {
      found = [];
    }
    if (ticket !== pending) return; // a later keystroke asked again
    if (!found.length) return close();
    // the combobox pattern minus role="combobox" and aria-expanded, which a textarea may not carry (ARIA in HTML;
    // axe: aria-allowed-role): a textbox with aria-autocomplete, aria-controls and aria-activedescendant
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-controls', list.id);
    options = found.map((c, i) => {
      const li = document.createElement('li');
      li.id = `${list.id}-${i}`;
      li.setAttribute('role', 'option');
      li.dataset.mention = c.mention;
      li.textContent = c.name && c.name !== c.mention ? `@${c.mention} (${c.name})` : `@${c.mention}`;
      li.addEventListener('mousedown', (event) => { event.preventDefault(); choose(c.mention); });
      return li;
    });
    list.replaceChildren(...options);
    list.hidden = false;
    highlight(0);
  };
  textarea.addEventListener('input', suggest);
  textarea.addEventListener('blur', () => setTimeout(close, 150));
  textarea.addEventListener('keydown', (event) => {
    if (list.hidden || !options.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      if (active < 0) return;
      event.preventDefault();
      choose(options[active].dataset.mention);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
}

/** Character offset of (node, offset) in the block's own text: the question labels shown beside it are not text. */
function offsetIn(block, node, offset) {
  const range = document.createRange();
  range.setStart(block, 0);
  range.setEnd(node, offset);
  const before = range.cloneContents();
  before.querySelectorAll('.question-meta').forEach((e) => e.remove());
  return before.textContent.length;
}

/** Where the reader's selection would be quoted, or null: one article block, or the body of one comment. */
function quotable() {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  const words = selection.toString().trim().replace(/\s+/g, ' ');
  if (!words) return null;
  const start = range.startContainer.parentElement || range.startContainer;
  const end = range.endContainer.parentElement || range.endContainer;
  const block = start.closest?.('article.article [id^="b-"]');
  if (block && block.contains(end)) {
    const first = offsetIn(block, range.startContainer, range.startOffset);
    const last = offsetIn(block, range.endContainer, range.endOffset);
    if (last <= first || last - first > 1000) return null;
    // the passage's own question, else the article's first one
    const link = block.querySelector('a.question-mark[href]') || document.querySelector('aside.questions li a[href]');
    if (!link) return null;
    const url = new URL(link.getAttribute('href'), location.href);
    url.search = new URLSearchParams({ quoteBlock: block.id.slice(2), quoteStart: first, quoteEnd: last, quoteText: words });
    url.hash = 'answer-body';
    return { rect: range.getBoundingClientRect(), href: url.toString() };
  }
  const body = start.closest?.('li.comment > .body');
  if (body && body.contains(end)) return { rect: range.getBoundingClientRect(), comment: body.closest('li.comment'), words };
  return null;
}

function quoteComment(item, words) {
  const author = item.querySelector(':scope > .meta .author')?.textContent.trim() || '';
  const link = `${location.origin}${location.pathname}#${item.id}`;
  const quoted = `> ${words.replace(/([\\`*_[\]<>#|~!])/g, '\\$1')}\n>\n> — [${author || text('quoteComment')}](${link})\n\n`;
  const details = item.querySelector(':scope > details.reply');
  const textarea = details?.querySelector('textarea') || document.getElementById('answer-body');
  if (!textarea) return;
  if (details) details.open = true;
  textarea.value = quoted + textarea.value;
  textarea.focus();
  textarea.selectionStart = textarea.selectionEnd = textarea.value.length;
}

function startQuoting() {
  if (!document.querySelector('main article.article, main section.thread')) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'quote-button';
  button.textContent = text('quoteInReply');
  button.hidden = true;
  document.body.append(button);
  let target = null;
  const place = () => {
    target = quotable();
    if (!target) { button.hidden = true; return; }
    button.hidden = false;
    button.style.top = `${window.scrollY + target.rect.bottom + 6}px`;
    button.style.left = `${Math.max(4, window.scrollX + target.rect.left)}px`;
  };
  document.addEventListener('mouseup', () => setTimeout(place, 0));
  document.addEventListener('keyup', (event) => { if (event.shiftKey || event.key === 'Shift') place(); });
  button.addEventListener('mousedown', (event) => event.preventDefault()); // keep the selection
  button.addEventListener('click', () => {
    if (!target) return;
    button.hidden = true;
    if (target.href) window.location.href = target.href;
    else quoteComment(target.comment, target.words);
  });
}

/** On a thread page opened from "Quote in reply": the answer form carries the passage (the server writes the quote). */
function receiveQuote() {
  const params = new URLSearchParams(location.search);
  const form = document.getElementById('answer-body')?.form;
  if (!form || !params.has('quoteBlock')) return;
  for (const name of ['quoteBlock', 'quoteStart', 'quoteEnd']) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.className = 'quote-field';
    input.value = params.get(name) || '';
    form.append(input);
  }
  const preview = document.createElement('blockquote');
  preview.className = 'quote-field quote-preview';
  preview.textContent = params.get('quoteText') || '';
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'link-button quote-field';
  remove.textContent = text('quoteRemove');
  remove.addEventListener('click', () => form.querySelectorAll('.quote-field').forEach((e) => e.remove()));
  form.querySelector('label[for="answer-body"]').before(preview, remove);
  document.getElementById('answer-body').focus();
}

export function startCompose() {
  const wire = () => document.querySelectorAll('main form.comment-form textarea[name=body]').forEach(attachMentions);
  wire();
  // reply boxes come and go (live updates, inline edits): wire each as it is focused
  document.addEventListener('focusin', (event) => {
    if (event.target.matches?.('main form.comment-form textarea[name=body]')) attachMentions(event.target);
  });
  startQuoting();
  receiveQuote();
}
