import { storyPath, withQuery } from '../api.js';
import { h } from '../dom.js';
import { formatTime, humanizeEventType, truncate } from '../format.js';
import { plainText, storyRedactions } from '../redaction.js';

/**
 * The timeline in world time: when things happened, with developments recorded late marked, and
 * redacted values as marks with, under the development, who redacted them, when and why.
 */
export function renderTimeline(items, { actions = () => null, highlight = new Set(), redactions = storyRedactions(undefined) } = {}) {
  if (items.length === 0) return h('p', { class: 'empty' }, 'No developments yet.');
  return h('ol', { class: 'timeline' }, items.map((item) =>
    h('li', { class: ['timeline__item', item.lateRecorded && 'timeline__item--late', highlight.has(item.developmentId) && 'entry--new'], dataset: { developmentId: item.developmentId } },
      h('p', { class: 'timeline__when' },
        item.occurredAt ? redactions.time(item.occurredAt, formatTime, item.developmentId, '/occurredAt') : h('span', {}, 'time not given'),
        item.lateRecorded ? [' ', h('span', { class: 'badge badge--late', title: 'Recorded after developments that happened later' }, 'recorded late')] : null,
        item.corrected ? [' ', h('span', { class: 'badge badge--corrected' }, 'corrected')] : null,
      ),
      h('p', { class: 'timeline__what' }, redactions.text(item.description, item.developmentId)),
      h('p', { class: 'timeline__meta' }, `Recorded ${formatTime(item.recordedAt)} · revision ${item.revision}`),
      redactions.notes(item.developmentId),
      actions(item.developmentId, item.type, item.description),
    )));
}

/**
 * The revision history, newest first: what each revision did, by whom, when and why. Shows the newest
 * `shown` with a button for the rest (`onShowAll`).
 */
export function renderRevisions(revisions, storyId, { viewing, shown = Infinity, onShowAll, redactions = storyRedactions(undefined) } = {}) {
  if (revisions.length === 0) return h('p', { class: 'empty' }, 'No revisions.');
  const newestFirst = [...revisions].reverse();
  const visible = newestFirst.slice(0, shown);
  return [
    h('ol', { class: 'revisions', reversed: true }, visible.map((item) => revisionItem(item, storyId, viewing, redactions))),
    visible.length < newestFirst.length
      ? h('button', { type: 'button', class: 'button button--quiet', onclick: onShowAll, dataset: { focusKey: 'all-revisions' } }, `Show all ${newestFirst.length} revisions`)
      : null,
  ];
}

function revisionItem(item, storyId, viewing, redactions) {
  return (
    h('li', { class: ['revision', item.revision === viewing && 'revision--viewing'], value: item.revision },
      h('p', { class: 'revision__head' },
        h('span', { class: 'revision__number' }, `Revision ${item.revision}`),
        ' ',
        h('span', { class: 'revision__type' }, humanizeEventType(item.type)),
      ),
      h('p', { class: 'revision__what' }, redactions.text(item.description, item.developmentId)),
      item.editSummary ? h('p', { class: 'revision__summary' }, h('span', { class: 'visually-hidden' }, 'Edit summary: '), `“${item.editSummary}”`) : null,
      h('p', { class: 'revision__meta' },
        `${item.actor}, recorded ${formatTime(item.recordedAt)}`,
        item.occurredAt ? [', happened ', redactions.text(formatTime(item.occurredAt), item.developmentId, '/occurredAt')] : '',
      ),
      h('p', { class: 'revision__links' },
        h('a', { href: `#${withQuery(storyPath(storyId), { revision: item.revision })}`, 'aria-label': `Show the story at revision ${item.revision}` }, 'Story at this revision'),
        item.revision > 1
          ? [' · ', h('a', { href: `#${withQuery(`${storyPath(storyId)}/diff`, { from: item.revision - 1, to: item.revision })}`, 'aria-label': `Changes made in revision ${item.revision}` }, 'What changed')]
          : null,
      ),
    )
  );
}

/** Two revision selects and a button: opens the diff view between them. */
export function compareForm(revisions, storyId, { from, to, idPrefix = 'compare' } = {}) {
  const latest = revisions.at(-1)?.revision ?? 1;
  const options = (selected) => revisions.map((item) => h('option', { value: item.revision, selected: item.revision === selected }, `${item.revision}: ${shorten(item.description)}`));
  const fromSelect = h('select', { id: `${idPrefix}-from`, name: 'from', dataset: { focusKey: `${idPrefix}-from` } }, options(from ?? Math.max(1, latest - 1)));
  const toSelect = h('select', { id: `${idPrefix}-to`, name: 'to', dataset: { focusKey: `${idPrefix}-to` } }, options(to ?? latest));
  const error = h('p', { class: 'field__error', id: `${idPrefix}-error`, role: 'alert', hidden: true });
  const form = h('form', { class: 'compare', 'aria-label': 'Compare two revisions', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: `${idPrefix}-from` }, 'From revision'), fromSelect),
    h('div', { class: 'field' }, h('label', { for: `${idPrefix}-to` }, 'To revision'), toSelect),
    h('div', { class: 'compare__actions' }, h('button', { type: 'submit', class: 'button' }, 'Show changes')),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const a = Number(fromSelect.value);
    const b = Number(toSelect.value);
    if (a === b) {
      error.textContent = 'Choose two different revisions.';
      error.hidden = false;
      fromSelect.setAttribute('aria-invalid', 'true');
      fromSelect.setAttribute('aria-describedby', error.id);
      fromSelect.focus();
      return;
    }
    location.hash = withQuery(`#${storyPath(storyId)}/diff`, { from: Math.min(a, b), to: Math.max(a, b) });
  });
  return form;
}

/** An option's words: it holds no mark, so a redacted value reads "(redacted)". */
function shorten(text) {
  return plainText(truncate(text, 70));
}

/** Every revision of a story, following `nextFrom` (and only those after `after`, if given). */
export async function loadRevisions(api, storyId, { after = 0, signal } = {}) {
  const items = [];
  let from = after + 1;
  for (;;) {
    const page = await api.get(withQuery(`${storyPath(storyId)}/revisions`, { from, limit: 500 }), { signal });
    items.push(...page.items);
    if (page.nextFrom === null || page.nextFrom === undefined || page.items.length === 0) return items;
    from = page.nextFrom;
  }
}
