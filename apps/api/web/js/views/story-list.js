import { storyPath, withQuery } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatTime } from '../format.js';
import { liveFeed } from './live-status.js';
import { openStoryForm } from './open-story.js';

const PAGE_SIZE = 20;

/** The stories, newest change first, with text search and a tag filter; refreshed by the live feed. */
export function renderStoryList(container, { api, session, navigate, toast }, params) {
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const heading = h('h1', { tabindex: '-1' }, tag ? `Stories tagged “${tag}”` : 'Stories');
  const list = h('ul', { class: 'story-list', 'aria-busy': 'true' });
  const status = h('p', { class: 'list-status', role: 'status' }, 'Loading stories…');
  const more = h('button', { type: 'button', class: 'button button--quiet', hidden: true }, 'More stories');
  const controller = new AbortController();
  let nextCursor = null;
  let shown = PAGE_SIZE;

  const qInput = h('input', { id: 'filter-q', name: 'q', type: 'search', '.value': q, autocomplete: 'off', placeholder: 'e.g. Kremlin' });
  const tagInput = h('input', { id: 'filter-tag', name: 'tag', type: 'text', '.value': tag, autocomplete: 'off', placeholder: 'e.g. nato', spellcheck: 'false' });
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Find stories' },
    h('div', { class: 'field' }, h('label', { for: 'filter-q' }, 'Search headlines and summaries'), qInput),
    h('div', { class: 'field' }, h('label', { for: 'filter-tag' }, 'Tag'), tagInput),
    h('div', { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'button' }, 'Search'),
      (q || tag) && h('a', { class: 'button button--quiet', href: '#/' }, 'Clear'),
    ),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = withQuery('#/', { q: qInput.value.trim(), tag: tagInput.value.trim() });
  });

  async function load({ append = false } = {}) {
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await api.get(withQuery('/stories', { q, tag, limit: append ? PAGE_SIZE : shown, ...(append && nextCursor && { cursor: nextCursor }) }), { signal: controller.signal });
      nextCursor = page.nextCursor ?? null;
      const items = page.items.map(storyCard);
      if (append) {
        list.append(...items);
        shown += page.items.length;
        items[0]?.querySelector('a')?.focus();
      } else replaceChildren(list, items);
      const count = list.children.length;
      status.textContent = count === 0
        ? q || tag ? 'No stories match.' : `No stories yet.${session.isEditor ? ' Open the first one above.' : ''}`
        : `${count} ${count === 1 ? 'story' : 'stories'}${nextCursor ? ' shown' : ''}`;
      more.hidden = !nextCursor;
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      status.textContent = `The stories could not be loaded: ${problem.message}`;
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  }
  more.addEventListener('click', () => load({ append: true }));

  let refreshTimer;
  const live = liveFeed('/changes/live', {
    session,
    onReady: () => load(),
    onMessage: () => {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => load(), 250);
    },
  });

  replaceChildren(container, heading, session.isEditor ? openStoryForm({ api, navigate, toast }) : null, filters, live.element, status, list, more);
  document.title = 'Stories · Story Tracker';
  return {
    dispose() {
      controller.abort();
      clearTimeout(refreshTimer);
      live.close();
    },
  };
}

function storyCard(story) {
  return h(
    'li',
    { class: 'story-card' },
    h('h2', { class: 'story-card__headline' }, h('a', { href: `#${storyPath(story.id)}` }, story.headline)),
    h('p', { class: 'story-card__meta' },
      h('span', { class: `badge badge--${story.status}` }, story.status),
      ' ',
      h('span', {}, `revision ${story.revision}`),
      ' · ',
      h('span', {}, 'updated ', h('time', { datetime: story.updatedAt }, formatTime(story.updatedAt))),
      ' · ',
      h('code', { class: 'story-card__id' }, story.id),
    ),
  );
}
