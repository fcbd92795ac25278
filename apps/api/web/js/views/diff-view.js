import { storyPath, withQuery } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { plainText, storyRedactions } from '../redaction.js';
import { groupChanges } from './diff-groups.js';
import { compareForm, loadRevisions } from './history-lists.js';
import { renderWordDiffs } from './word-diff.js';

const isRevision = (value) => Number.isInteger(value) && value > 0;

/**
 * What changed between two revisions: what happened in between (in words), the headline and summary
 * side by side with deleted and inserted words marked, and the changes grouped by entry, each field
 * with its old value struck through and the new one highlighted; the record's ids and times under
 * "details".
 */
export function renderDiffView(container, { api }, storyId, params) {
  const controller = new AbortController();
  const signal = controller.signal;
  const from = Number(params.get('from'));
  const to = params.has('to') ? Number(params.get('to')) : undefined;
  const heading = h('h1', { tabindex: '-1' }, 'What changed');
  const intro = h('p', { class: 'story-meta' }, 'Loading…');
  const formArea = h('section', { class: 'card', 'aria-label': 'Choose revisions', hidden: true });
  const result = h('div', { class: 'diff', 'aria-busy': 'true' });
  replaceChildren(
    container,
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, '← All stories'), ' / ', h('a', { href: `#${storyPath(storyId)}`, class: 'back-to-story' }, 'Back to the story')),
    heading,
    intro,
    formArea,
    result,
  );

  (async () => {
    let story;
    try {
      // The story first: a missing one is one 404, and its revisions say which revisions exist.
      story = await api.get(storyPath(storyId), { signal });
      const revisions = await loadRevisions(api, storyId, { signal });
      const end = to ?? story.revision;
      formArea.hidden = false;
      replaceChildren(formArea, compareForm(revisions, storyId, { from: isRevision(from) ? from : undefined, to: isRevision(end) ? end : undefined, idPrefix: 'diff' }));
      if (!isRevision(from) || !isRevision(end) || from >= end || end > story.revision) {
        heading.textContent = 'Choose two revisions to compare';
        replaceChildren(intro, h('a', { href: `#${storyPath(storyId)}` }, story.headline), ` is at revision ${story.revision}. `,
          'Pick an earlier revision and a later one, up to the latest.');
        document.title = `Compare revisions: ${story.headline} · Story Tracker`;
        return;
      }
      const [diff, before, after] = await Promise.all([
        api.get(withQuery(`${storyPath(storyId)}/diff`, { from, to }), { signal }),
        api.get(withQuery(storyPath(storyId), { revision: from }), { signal }),
        end === story.revision ? story : api.get(withQuery(storyPath(storyId), { revision: end }), { signal }),
      ]);
      heading.textContent = `What changed from revision ${diff.from} to ${diff.to}`;
      document.title = `Revisions ${diff.from}–${diff.to}: ${story.headline} · Story Tracker`;
      replaceChildren(intro, h('a', { href: `#${storyPath(storyId)}` }, story.headline), ` · `,
        h('a', { href: `#${withQuery(storyPath(storyId), { revision: diff.from })}` }, `the story at revision ${diff.from}`), ' · ',
        h('a', { href: `#${withQuery(storyPath(storyId), { revision: diff.to })}` }, `at revision ${diff.to}`));
      // Why a value is redacted, the latest state says (the state at `to` may be from before the redaction).
      replaceChildren(result, renderDiff(diff, { before, after, revisions, redactions: storyRedactions(story) }));
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      formArea.hidden = !story;
      if (problem.status === 404 && !story) {
        heading.textContent = `No story called “${storyId}”`;
        replaceChildren(intro, 'There is no story with this id. ', h('a', { href: '#/' }, 'See all the stories'));
        document.title = 'No such story · Story Tracker';
      } else {
        heading.textContent = 'The changes could not be shown';
        replaceChildren(intro, problem.detail ?? problem.message, ' ', h('a', { href: `#${storyPath(storyId)}` }, 'Back to the story'));
      }
    } finally {
      result.setAttribute('aria-busy', 'false');
    }
  })();

  return { dispose: () => controller.abort() };
}

/**
 * The diff's sections; `before` and `after` are the state at its two revisions (to name the entries);
 * `redactions` (storyRedactions of the latest state) gives each redacted value's mark its reason.
 */
export function renderDiff(diff, { before, after, revisions = [], redactions = storyRedactions(undefined) } = {}) {
  const sections = [];
  // The descriptions are those of the revisions after `from`, in order: each names its development.
  const developmentOf = (text, index) => {
    const item = revisions.find((candidate) => candidate.revision === diff.from + 1 + index);
    return item?.description === text ? item.developmentId : undefined;
  };
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'diff-what' },
    h('h2', { id: 'diff-what' }, 'What happened in between'),
    diff.descriptions.length
      ? h('ol', { class: 'diff-descriptions' }, diff.descriptions.map((text, index) => h('li', {}, redactions.text(text, developmentOf(text, index)))))
      : h('p', { class: 'empty' }, 'Nothing.'),
  ));
  const words = renderWordDiffs(diff.text, { from: diff.from, to: diff.to });
  if (words.length > 0) {
    sections.push(h('section', { class: 'card', 'aria-labelledby': 'diff-text' }, h('h2', { id: 'diff-text' }, 'Headline and summary'), words));
  }
  const groups = groupChanges(diff, { before, after, revisions });
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'diff-changes' },
    h('h2', { id: 'diff-changes' }, 'Changes to the story, entry by entry'),
    groups.length === 0
      ? h('p', { class: 'empty' }, 'Nothing in the story changed.')
      : h('div', { class: 'change-groups' }, groups.map((group) => renderGroup(group, redactions))),
  ));
  return sections;
}

function renderGroup(group, redactions) {
  const quiet = group.lines.length === 0;
  const line = (item) => renderLine(item, (value) => redactions.text(value, group.developmentId, `/${item.field}`));
  return h('section', { class: ['change-group', quiet && 'change-group--quiet'], dataset: { group: group.collection ?? group.key, entry: plainText(group.name || group.kind) } },
    h('h3', { class: 'change-group__title' },
      h('span', { class: 'change-group__kind' }, group.kind),
      group.name ? [h('span', { class: 'visually-hidden' }, ': '), ' ', h('span', { class: 'change-group__name' }, redactions.text(group.name, group.developmentId))] : null,
      group.status ? [' ', h('span', { class: `badge badge--${group.status === 'new' ? 'new' : 'archived'}` }, group.status)] : null,
    ),
    group.lines.length > 0 ? h('ul', { class: 'change-lines' }, group.lines.map(line)) : null,
    group.developmentId ? redactions.notes(group.developmentId) : null,
    group.details.length > 0
      ? h('details', { class: 'change-details' },
          h('summary', {}, quiet ? 'Record details only (revision number, times, ids)' : 'Record details (ids and record times)'),
          h('ul', { class: 'change-lines change-lines--details' }, group.details.map(line)))
      : null,
  );
}

/** One field's change; `show` turns its words into nodes (a redacted value a mark). */
function renderLine(line, show) {
  const parts = [h('span', { class: 'change-line__field' }, line.label), ' '];
  if (line.before !== undefined && line.after !== undefined) {
    parts.push(h('del', {}, show(line.before)), ' ', h('span', { 'aria-hidden': 'true', class: 'change-line__arrow' }, '→'), h('span', { class: 'visually-hidden' }, 'became'), ' ', h('ins', {}, show(line.after)));
  } else if (line.after !== undefined) {
    parts.push(h('ins', {}, show(line.after)), line.op === 'add' && line.field !== 'retracted' ? h('span', { class: 'change-line__note' }, ' (added)') : null);
  } else if (line.before !== undefined) {
    parts.push(h('del', {}, show(line.before)), line.op === 'remove' ? h('span', { class: 'change-line__note' }, ' (removed)') : null);
  }
  return h('li', { class: `change-line change-line--${line.op}`, dataset: { field: line.field } }, parts);
}
