// Live updates over Server-Sent Events. The page element with data-live names the stream; events only say what
// changed, and the page re-reads itself (as its viewer, so it only ever shows what this person may see). Scores and
// counts update in place; new comments wait behind a polite "3 new answers — show" button, so nothing moves under
// a reader or someone typing. EventSource reconnects by itself (the server sends `retry`), also after a restart.
import { fetchPage, mergeThread, mergeArticle, announce, text, closeWithPage } from './enhance.js';

let waiting = [];
let timer = null;
let busy = false;
let again = false;

function showButton() {
  const thread = document.querySelector('section.thread');
  if (!thread) return;
  let bar = document.getElementById('live-new');
  if (!bar) {
    bar = document.createElement('div');
    bar.id = 'live-new';
    bar.className = 'live-new-bar';
    const button = document.createElement('button');
    button.type = 'button';
    button.addEventListener('click', reveal);
    bar.append(button);
    thread.querySelector('h2')?.after(bar);
  }
  waiting = waiting.filter((li) => li.hidden); // a post of one's own reveals what arrived before it
  const n = waiting.length;
  const answers = waiting.filter((li) => li.classList.contains('depth-0')).length;
  const kind = answers === n ? 'newAnswers' : 'newComments';
  const label = text(kind + (n === 1 ? 'One' : 'Many'), n);
  bar.querySelector('button').textContent = label;
  bar.hidden = false;
  announce(label.split(' — ')[0]);
}

function reveal() {
  const first = waiting[0];
  waiting.forEach((li) => { li.hidden = false; });
  waiting = [];
  const bar = document.getElementById('live-new');
  if (bar) bar.hidden = true;
  if (first) {
    first.setAttribute('tabindex', '-1');
    first.focus();
  }
}

async function refresh(kind) {
  if (busy) { again = true; return; }
  busy = true;
  try {
    const { response, doc } = await fetchPage(window.location.href, { cache: 'no-store' });
    if (!response.ok) return;
    if (kind === 'thread') {
      const added = mergeThread(doc, { reveal: false });
      if (added.length) {
        waiting.push(...added);
        showButton();
      }
    } else {
      mergeArticle(doc);
    }
  } catch (e) {
    // offline for a moment: the next event or the reconnect's resync catches up
  } finally {
    busy = false;
    if (again) { again = false; schedule(kind); }
  }
}

function schedule(kind) {
  clearTimeout(timer);
  // events come in bursts (a vote moves a comment and its question): one re-read per burst
  timer = setTimeout(() => refresh(kind), 400);
}

export function startLive() {
  const host = document.querySelector('[data-live]');
  if (!host || !('EventSource' in window)) return;
  const kind = host.dataset.liveKind || 'thread';
  const source = new EventSource(host.dataset.live);
  let opened = false;
  source.addEventListener('ready', () => {
    host.dataset.liveState = 'open';
    // after a reconnect, catch up on what happened while away
    if (opened) schedule(kind);
    opened = true;
  });
  source.addEventListener('error', () => { host.dataset.liveState = 'reconnecting'; });
  for (const name of ['comment', 'question', 'reactions', 'resync']) {
    source.addEventListener(name, () => schedule(kind));
  }
  closeWithPage(source);
}
