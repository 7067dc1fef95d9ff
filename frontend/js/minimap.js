// The article's mini-map: the list of its questions (a sticky aside on wide screens) marks the question being
// read with aria-current, as the reader scrolls past it in the text.
export function startMinimap() {
  const links = [...document.querySelectorAll('aside.questions li a[href*="/questions/"]')];
  if (!links.length || !('IntersectionObserver' in window)) return;
  const byId = new Map(links.map((a) => [a.getAttribute('href').split('/').pop(), a]));
  const marks = [...document.querySelectorAll('article a.question-mark[id^="q-"]')];
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const link = byId.get(entry.target.id.slice(2));
      if (!link) continue;
      links.forEach((a) => a.removeAttribute('aria-current'));
      link.setAttribute('aria-current', 'location');
    }
  }, { rootMargin: '-20% 0px -60% 0px' });
  marks.forEach((m) => observer.observe(m));
}
