// The header's unread notification count, live on every page of a signed-in member. Their own event stream
// (/live/me/events) says "notifications" with the new count whenever one of theirs arrives or is marked read, in
// any tab and on any replica (PostgreSQL NOTIFY behind it); the badge follows and a polite live region reads the
// change out. Every (re)connect starts with the count as of then, since events may have been missed meanwhile.
import { text, closeWithPage } from './enhance.js';

function render(link, count) {
  let badge = link.querySelector('.badge');
  if (count <= 0) {
    badge?.remove();
  } else {
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'badge';
      const number = document.createElement('span');
      number.className = 'unread-count';
      const label = document.createElement('span');
      label.className = 'visually-hidden';
      label.textContent = ` ${text('unread')}`;
      badge.append('(', number, label, ')');
      link.append(' ', badge);
    }
    badge.querySelector('.unread-count').textContent = String(count);
  }
}

function current(link) {
  return Number(link.querySelector('.unread-count')?.textContent || 0);
}

function update(link, count) {
  if (!Number.isFinite(count) || count < 0 || count === current(link)) return;
  render(link, count);
  const status = document.getElementById('unread-status');
  if (status) {
    status.textContent = count === 0 ? text('unreadNone') : text(count === 1 ? 'unreadOne' : 'unreadMany', count);
  }
  link.dataset.unread = String(count);
}

function countOf(event) {
  try {
    const { unread } = JSON.parse(event.data);
    return typeof unread === 'number' ? unread : undefined;
  } catch (e) {
    return undefined;
  }
}

export function startUnread() {
  const link = document.querySelector('a[data-live-unread]');
  if (!link || !('EventSource' in window)) return;
  const source = new EventSource(link.dataset.liveUnread);
  // "ready" (on every connect and reconnect) carries the count as of then, so a page catches up on what it missed
  source.addEventListener('ready', (event) => {
    link.dataset.liveState = 'open';
    update(link, countOf(event));
  });
  source.addEventListener('error', () => { link.dataset.liveState = 'reconnecting'; });
  source.addEventListener('notifications', (event) => update(link, countOf(event)));
  closeWithPage(source);
}
