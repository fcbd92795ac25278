import { storyPath, withQuery } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatTime } from '../format.js';
import { plainText, UNKNOWN_REDACTIONS } from '../redaction.js';
import { followLive } from '../sse.js';
import { alertKindLabel } from '../watch-kinds.js';
import { coalesced } from '../coalesce.js';

/** The newest alert the reader has seen in the panel, for this tab (like the token: gone with it). */
const SEEN_KEY = 'story-tracker.alerts-seen';
const PAGE_SIZE = 1000;
const SHOWN = 100;

const STATUS_TEXT = {
  connecting: 'Connecting…',
  open: 'New alerts appear here as they are raised.',
  reconnecting: 'Interrupted; reconnecting…',
  refused: 'New alerts cannot be followed live; reload the page to see them.',
  closed: '',
};

/** Alert ids are "<log position>-<watch id>": they sort in the log's order, as the server answers them. */
export function compareAlertIds(a, b) {
  const [, positionA = '0', watchA = ''] = /^(\d+)-(.*)$/.exec(String(a)) ?? [];
  const [, positionB = '0', watchB = ''] = /^(\d+)-(.*)$/.exec(String(b)) ?? [];
  return Number(positionA) - Number(positionB) || (watchA < watchB ? -1 : watchA > watchB ? 1 : 0);
}

/**
 * The caller's alerts in the masthead: a button with the count of those not yet seen, and a panel
 * listing them newest first, each linking to its story at the alert's revision. It fills from
 * GET /alerts and then follows GET /alerts/live (reconnecting with Last-Event-ID; each time the stream
 * opens it reads what came since the last alert it has, so nothing falls between). A polite live
 * region announces each new alert.
 */
export function alertsPanel(container, { api, session }) {
  /** Oldest first, as the server answers; no id twice. */
  let alerts = [];
  const known = new Set();
  const headlines = new Map();
  let seen = sessionStorage.getItem(SEEN_KEY) ?? undefined;
  /** While the panel is open, the alerts after this one are marked new (those it was opened for, and any that arrive). */
  let newAfter;
  let filled = false;
  let disposed = false;

  const count = h('span', { class: 'alerts__count', hidden: true });
  const toggle = h('button', { type: 'button', class: 'button button--quiet alerts__toggle', 'aria-expanded': 'false', 'aria-controls': 'alerts-panel' },
    'Alerts', ' ', count);
  const status = h('p', { class: 'alerts__status' }, STATUS_TEXT.connecting);
  const list = h('ol', { class: 'alerts__list' });
  const empty = h('p', { class: 'empty alerts__empty' }, 'No alerts yet. “Watch this story” on a story’s page to be alerted when its facts change.');
  const panel = h('section', { class: 'alerts__panel', id: 'alerts-panel', 'aria-labelledby': 'alerts-title', hidden: true },
    h('h2', { id: 'alerts-title', class: 'alerts__title' }, 'Your alerts'), status, empty, list);
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const element = h('div', { class: 'alerts' }, toggle, panel, announcer);
  container.replaceChildren(element);

  toggle.addEventListener('click', () => (panel.hidden ? open() : close()));
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      close();
      toggle.focus();
    }
  });
  list.addEventListener('click', (event) => {
    if (event.target.closest('a')) close();
  });
  const outside = (event) => {
    if (!panel.hidden && !element.contains(event.target)) close();
  };
  document.addEventListener('click', outside);

  function open() {
    // '' sorts before every alert id: nothing seen yet, everything is new.
    newAfter = seen ?? '';
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    markSeen();
    render();
  }

  function close() {
    panel.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    newAfter = undefined;
    render();
  }

  function markSeen() {
    const newest = alerts.at(-1)?.id;
    if (newest === undefined) return;
    seen = newest;
    sessionStorage.setItem(SEEN_KEY, newest);
  }

  const unseen = (after) => alerts.filter((alert) => after === undefined || compareAlertIds(alert.id, after) > 0);

  /** Adds what is not there yet; answers the alerts that were new. */
  function merge(items) {
    const added = items.filter((alert) => alert && typeof alert.id === 'string' && !known.has(alert.id));
    if (added.length === 0) return [];
    added.forEach((alert) => known.add(alert.id));
    alerts = [...alerts, ...added].sort((a, b) => compareAlertIds(a.id, b.id));
    // A headline alert: the story's name in the panel is its new one.
    added.filter((alert) => alert.kind === 'headline').forEach((alert) => headlines.delete(alert.storyId));
    if (!panel.hidden) markSeen();
    render();
    return added;
  }

  function render() {
    const fresh = unseen(seen).length;
    count.hidden = fresh === 0;
    replaceChildren(count, String(fresh), h('span', { class: 'visually-hidden' }, ' new'));
    empty.hidden = alerts.length > 0;
    if (panel.hidden) return;
    // A re-render (a new alert, a headline read) keeps the reader's place.
    const focused = document.activeElement?.closest?.('.alert')?.dataset.alertId;
    replaceChildren(list, alerts.slice(-SHOWN).reverse().map((alert) => {
      const isNew = newAfter === undefined ? false : compareAlertIds(alert.id, newAfter) > 0;
      return h('li', { class: ['alert', isNew && 'alert--new'], dataset: { alertId: alert.id } },
        h('p', { class: 'alert__head' },
          h('span', { class: `badge alert__kind alert__kind--${alert.kind}` }, alertKindLabel(alert.kind)),
          isNew ? [' ', h('span', { class: 'badge badge--new' }, 'new')] : null,
          ' ',
          h('a', { class: 'alert__story', href: `#${withQuery(storyPath(alert.storyId), { revision: alert.revision })}` },
            headlineOf(alert.storyId), h('span', { class: 'alert__revision' }, `, revision ${alert.revision}`))),
        h('p', { class: 'alert__what' }, UNKNOWN_REDACTIONS.text(alert.description)),
        h('p', { class: 'alert__when' }, h('time', { datetime: alert.at }, formatTime(alert.at))));
    }));
    if (focused) list.querySelector(`[data-alert-id="${CSS.escape(focused)}"] a`)?.focus();
  }

  /** The story's headline once read (the slug until then); read once per story. */
  function headlineOf(storyId) {
    const cached = headlines.get(storyId);
    if (typeof cached === 'string') return cached;
    if (!cached) {
      headlines.set(storyId, api.get(storyPath(storyId)).then(
        (story) => {
          headlines.set(storyId, story.headline);
          render();
        },
        () => headlines.set(storyId, storyId),
      ));
    }
    return storyId;
  }

  async function announce(added) {
    // Named by headline: read it first if need be.
    await Promise.all(added.map((alert) => {
      headlineOf(alert.storyId);
      return headlines.get(alert.storyId);
    }));
    if (disposed) return;
    const words = (alert) => `${alertKindLabel(alert.kind)} on “${headlineOf(alert.storyId)}”: ${plainText(alert.description)}`;
    announcer.textContent = added.length === 1 ? `New alert. ${words(added[0])}` : `${added.length} new alerts. The latest: ${words(added.at(-1))}`;
  }

  // Reads coalesce: one asked for while another runs makes one more run afterwards.
  const catchUp = coalesced(() => readSince(), () => disposed);

  async function readSince() {
    try {
      const added = [];
      for (;;) {
        const { items } = await api.get(withQuery('/alerts', { since: alerts.at(-1)?.id, limit: PAGE_SIZE }));
        added.push(...merge(items));
        if (items.length < PAGE_SIZE || disposed) break;
      }
      // The first read fills the panel; what a later one brings was missed while away, and is news.
      if (filled && added.length > 0) announce(added);
      filled = true;
    } catch (problem) {
      if (!disposed && problem.status !== 401) status.textContent = `Your alerts could not be read: ${problem.message}`;
    }
  }

  const stream = followLive('/alerts/live', {
    getToken: () => session.token,
    onMessage: (message) => {
      let alert;
      try {
        alert = JSON.parse(message.data);
      } catch {
        return;
      }
      // What the stream brings is new, or was missed while it was away: news either way.
      const added = merge([alert]);
      if (added.length > 0) announce(added);
    },
    onStatus: (state) => {
      if (disposed) return;
      status.textContent = STATUS_TEXT[state] ?? '';
      status.dataset.state = state;
      if (state === 'open' || state === 'refused') catchUp();
    },
  });

  return {
    element,
    dispose() {
      disposed = true;
      stream.close();
      document.removeEventListener('click', outside);
      element.remove();
      // Only when signed out: whoever signs in next starts afresh.
      sessionStorage.removeItem(SEEN_KEY);
    },
  };
}
