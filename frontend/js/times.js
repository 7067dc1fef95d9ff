// Relative times ("5 minutes ago") are rendered by the server, and anonymous pages are served from a cache for up
// to a minute, so the browser re-renders every <time datetime> against its own clock, on load and twice a minute,
// with the same rounding as the server (web/TimeExtensions): under 45 s "just now" (the page's own message), then
// minutes, hours and days; beyond 30 days the absolute time in the title, as the server shows it.
import { text } from './enhance.js';

export function relative(iso, now, lang, justNow, absolute) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 45) return justNow;
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(seconds / 3600);
  if (hours < 24) return format.format(-hours, 'hour');
  const days = Math.round(seconds / 86400);
  if (days < 30) return format.format(-days, 'day');
  return absolute || null;
}

export function refreshTimes(root = document) {
  const lang = document.documentElement.lang || 'en';
  const justNow = text('timeJustNow');
  const now = Date.now();
  for (const el of root.querySelectorAll('time[datetime]')) {
    const shown = relative(el.getAttribute('datetime'), now, lang, justNow, el.getAttribute('title'));
    if (shown && el.textContent !== shown) el.textContent = shown;
  }
}

export function startTimes() {
  if (!('RelativeTimeFormat' in Intl)) return;
  refreshTimes();
  setInterval(refreshTimes, 30000);
}
