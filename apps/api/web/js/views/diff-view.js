import { storyPath, withQuery } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatValue } from '../format.js';
import { compareForm, loadRevisions } from './history-lists.js';

const BOOKKEEPING = new Set(['/revision', '/updatedAt', '/updatedBy']);
const OPERATIONS = { add: 'added', remove: 'removed', replace: 'changed' };

/**
 * What changed between two revisions: what happened in between (in words), the headline and summary
 * with inserted and deleted words marked, and every structured change with the old value struck
 * through and the new one highlighted.
 */
export function renderDiffView(container, { api }, storyId, params) {
  const controller = new AbortController();
  const from = Number(params.get('from'));
  const to = params.get('to') ? Number(params.get('to')) : undefined;
  const heading = h('h1', { tabindex: '-1' }, 'What changed');
  const intro = h('p', { class: 'story-meta' }, 'Loading…');
  const formArea = h('div', {});
  const result = h('div', { class: 'diff', 'aria-busy': 'true' });
  replaceChildren(
    container,
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, '← All stories'), ' / ', h('a', { href: `#${storyPath(storyId)}`, class: 'back-to-story' }, 'Back to the story')),
    heading,
    intro,
    h('section', { class: 'card', 'aria-label': 'Choose revisions' }, formArea),
    result,
  );

  (async () => {
    try {
      const [story, revisions, diff] = await Promise.all([
        api.get(storyPath(storyId), { signal: controller.signal }),
        loadRevisions(api, storyId, { signal: controller.signal }),
        api.get(withQuery(`${storyPath(storyId)}/diff`, { from, to }), { signal: controller.signal }),
      ]);
      heading.textContent = `What changed from revision ${diff.from} to ${diff.to}`;
      document.title = `Revisions ${diff.from}–${diff.to}: ${story.headline} · Story Tracker`;
      replaceChildren(intro, h('a', { href: `#${storyPath(storyId)}` }, story.headline), ` · `,
        h('a', { href: `#${withQuery(storyPath(storyId), { revision: diff.from })}` }, `the story at revision ${diff.from}`), ' · ',
        h('a', { href: `#${withQuery(storyPath(storyId), { revision: diff.to })}` }, `at revision ${diff.to}`));
      replaceChildren(formArea, compareForm(revisions, storyId, { from: diff.from, to: diff.to, idPrefix: 'diff' }));
      replaceChildren(result, renderDiff(diff));
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      heading.textContent = problem.status === 404 ? 'Not found' : 'The changes could not be shown';
      replaceChildren(intro, problem.detail ?? problem.message, ' ', h('a', { href: `#${storyPath(storyId)}` }, 'Back to the story'));
    } finally {
      result.setAttribute('aria-busy', 'false');
    }
  })();

  return { dispose: () => controller.abort() };
}

export function renderDiff(diff) {
  const sections = [];
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'diff-what' },
    h('h2', { id: 'diff-what' }, 'What happened in between'),
    diff.descriptions.length ? h('ol', { class: 'diff-descriptions' }, diff.descriptions.map((text) => h('li', {}, text))) : h('p', { class: 'empty' }, 'Nothing.'),
  ));
  const textDiffs = Object.entries(diff.text ?? {}).filter(([, parts]) => Array.isArray(parts));
  if (textDiffs.length > 0) {
    sections.push(h('section', { class: 'card', 'aria-labelledby': 'diff-text' },
      h('h2', { id: 'diff-text' }, 'Headline and summary'),
      textDiffs.map(([field, parts]) => h('div', { class: 'word-diff' },
        h('h3', {}, field === 'headline' ? 'Headline' : field === 'summary' ? 'Summary' : field),
        h('p', { class: 'word-diff__text', dataset: { field } }, parts.map(wordPart)),
      )),
    ));
  }
  // Bookkeeping (revision, updatedAt, updatedBy) changes every time: it goes last, quieter.
  const isBookkeeping = (change) => BOOKKEEPING.has(change.path);
  const changes = [...diff.changes.filter((change) => !isBookkeeping(change)), ...diff.changes.filter(isBookkeeping)];
  sections.push(h('section', { class: 'card', 'aria-labelledby': 'diff-changes' },
    h('h2', { id: 'diff-changes' }, 'Changes to the state'),
    changes.length === 0
      ? h('p', { class: 'empty' }, 'The state did not change.')
      : h('table', { class: 'changes' },
          h('caption', { class: 'visually-hidden' }, 'Each change: where in the story, what happened, the value before and after'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Where'), h('th', { scope: 'col' }, 'Change'), h('th', { scope: 'col' }, 'Before'), h('th', { scope: 'col' }, 'After'))),
          h('tbody', {}, changes.map(changeRow)),
        ),
    h('p', { class: 'section-hint' }, 'Paths point into the story’s state document (JSON Pointer); entries are named by their id.'),
  ));
  return sections;
}

function wordPart(part) {
  if (part.op === 'insert') return h('ins', {}, part.text);
  if (part.op === 'delete') return h('del', {}, part.text);
  return part.text;
}

function changeRow(change) {
  const has = (key) => Object.prototype.hasOwnProperty.call(change, key);
  return h('tr', { class: ['change', `change--${change.op}`, BOOKKEEPING.has(change.path) && 'change--bookkeeping'], dataset: { path: change.path } },
    h('td', { 'data-label': 'Where' }, h('code', { class: 'change__path' }, pathWithBreaks(change.path))),
    h('td', { 'data-label': 'Change' }, OPERATIONS[change.op] ?? change.op),
    h('td', { 'data-label': 'Before' }, has('before') ? h('del', { class: 'change__before' }, formatValue(change.before)) : h('span', { class: 'empty' }, '—')),
    h('td', { 'data-label': 'After' }, has('after') ? h('ins', { class: 'change__after' }, formatValue(change.after)) : h('span', { class: 'empty' }, '—')),
  );
}

/** A JSON Pointer that may wrap after each slash. */
function pathWithBreaks(path) {
  return path.split('/').flatMap((segment, index) => (index === 0 ? [segment] : [h('wbr'), `/${segment}`]));
}
