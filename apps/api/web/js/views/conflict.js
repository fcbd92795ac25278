import { storyPath, withQuery } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatTime, formatValue } from '../format.js';
import { UNKNOWN_REDACTIONS } from '../redaction.js';
import { openDialog } from './dialog.js';
import { loadRevisions } from './history-lists.js';
import { renderWordDiffs } from './word-diff.js';

const MOST_SHOWN = 25;

/**
 * The conflict screen: the editor's change was based on revision `seen`, but the story is now at
 * `current` (the server answered 412). Shows, in words, what was recorded in between and by whom,
 * and what the editor was about to send; answers 'reapply' (send it again, based on `current`),
 * 'drop' (record nothing, forget the change) or, when the dialog is closed with Escape, 'later'
 * (record nothing, keep the change in its form: sending it again shows this screen again).
 */
export function openConflictDialog({ api, storyId, seen, current, yourChange, returnFocus }) {
  return new Promise((resolve) => {
    let choice = 'later';
    const changes = h('div', { class: 'conflict__changes', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading what changed…'));
    const reapply = h('button', { type: 'button', class: 'button' }, `Record my change on revision ${current}`);
    const drop = h('button', { type: 'button', class: 'button button--quiet' }, 'Drop my change');
    const content = h('div', { class: 'conflict' },
      h('p', { class: 'conflict__lede' },
        `You began this change when the story was at revision ${seen}. It has moved on to revision ${current} since, so nothing of yours has been recorded yet. `,
        'Check what changed, then record your change on top of it, or drop it.'),
      h('h3', {}, `What changed since revision ${seen}`),
      changes,
      yourChange ? [h('h3', {}, 'Your change, not yet recorded'), h('p', { class: 'conflict__yours' }, yourChange)] : null,
      h('div', { class: 'form-actions' }, reapply, drop),
    );
    const dialog = openDialog('The story changed while you were working', content, returnFocus, { className: 'dialog--conflict' });
    dialog.addEventListener('close', () => resolve(choice));
    reapply.addEventListener('click', () => {
      choice = 'reapply';
      dialog.close();
    });
    drop.addEventListener('click', () => {
      choice = 'drop';
      dialog.close();
    });
    reapply.focus();

    (async () => {
      try {
        const [revisions, diff] = await Promise.all([
          loadRevisions(api, storyId, { after: seen }),
          api.get(withQuery(`${storyPath(storyId)}/diff`, { from: seen, to: current })),
        ]);
        const between = revisions.filter((item) => item.revision > seen && item.revision <= current);
        const shown = between.slice(0, MOST_SHOWN);
        replaceChildren(changes,
          h('ol', { class: 'conflict__list' }, shown.map((item) => h('li', { class: 'conflict__item' },
            h('p', { class: 'conflict__what' }, UNKNOWN_REDACTIONS.text(item.description, item.developmentId)),
            item.editSummary ? h('p', { class: 'revision__summary' }, `“${item.editSummary}”`) : null,
            h('p', { class: 'revision__meta' }, `Revision ${item.revision}, by ${item.actor}, ${formatTime(item.recordedAt)}`),
          ))),
          between.length > shown.length ? h('p', { class: 'section-hint' }, `And ${between.length - shown.length} more.`) : null,
          renderWordDiffs(diff.text, { from: seen, to: current }),
        );
      } catch (problem) {
        replaceChildren(changes, h('p', { class: 'notice notice--error' }, `What changed could not be loaded: ${problem.message}`));
      } finally {
        changes.setAttribute('aria-busy', 'false');
      }
    })();
  });
}

/** "Force: Russia · Number of troops: 30,000": what a form is about to send, in its own labels. */
export function describeChange(specs, body) {
  return specs
    .map((spec) => [spec.label, spec.name.split('.').reduce((value, key) => value?.[key], body)])
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([label, value]) => `${label}: ${formatValue(value)}`)
    .join(' · ');
}
