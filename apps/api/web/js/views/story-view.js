import { storyPath, withQuery } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatTime } from '../format.js';
import { choicesFrom } from '../fields.js';
import { developmentForm, openCorrectionDialog, openRetractionDialog } from './editor-forms.js';
import { compareForm, loadRevisions, renderRevisions, renderTimeline } from './history-lists.js';
import { liveFeed } from './live-status.js';
import { currentFieldsOf, renderState } from './story-state.js';

const MAX_RECENT_UPDATES = 5;
const REVISIONS_SHOWN = 10;

/**
 * One story: its state (now, or as it stood at a chosen revision), its timeline in world time, its
 * revision history with a way to compare any two revisions, the editor's forms, and live updates.
 */
export function renderStoryView(container, { api, session, toast }, storyId, params) {
  const controller = new AbortController();
  const signal = controller.signal;
  const requested = Number(params.get('revision'));
  const view = {
    document: undefined,
    latestRevision: undefined,
    viewRevision: Number.isInteger(requested) && requested > 0 ? requested : undefined,
    timeline: [],
    revisions: [],
    highlight: new Set(),
  };

  const heading = h('h1', { tabindex: '-1', class: 'story-headline' }, 'Loading story…');
  const meta = h('p', { class: 'story-meta' });
  const summary = h('p', { class: 'story-summary' });
  const banner = h('div', { class: 'notice notice--info', hidden: true });
  const recent = h('ul', { class: 'recent-updates', 'aria-label': 'Latest live updates' });
  const pickerArea = h('section', { class: 'card picker', 'aria-labelledby': 'picker-title' });
  const stateTitle = h('h2', { id: 'state-title' }, 'Current state');
  const stateBody = h('div', { class: 'state', 'aria-busy': 'true' });
  const timelineBody = h('div', { 'aria-busy': 'true' });
  const revisionsBody = h('div', {});
  const compareArea = h('div', {});
  const editorArea = session.isEditor ? h('details', { class: 'card editor-desk' }) : null;
  let editorForm;

  const live = liveFeed(`${storyPath(storyId)}/live`, {
    session,
    onReady: () => refresh(),
    onMessage: (data) => {
      if (data.storyId !== storyId) return;
      if (data.developmentId) view.highlight.add(data.developmentId);
      toast(`Revision ${data.revision}: ${data.description}`);
      recent.prepend(h('li', { class: 'recent-updates__item' }, h('span', { class: 'badge badge--new' }, 'new'), ' ', `Revision ${data.revision}: ${data.description}`));
      while (recent.children.length > MAX_RECENT_UPDATES) recent.lastElementChild.remove();
      refresh();
    },
  });

  replaceChildren(
    container,
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, '← All stories')),
    h('header', { class: 'story-header' }, heading, meta, summary),
    live.element,
    recent,
    banner,
    pickerArea,
    editorArea,
    h('div', { class: 'story-columns' },
      h('section', { class: 'card', 'aria-labelledby': 'state-title' }, stateTitle, stateBody),
      h('section', { class: 'card', 'aria-labelledby': 'timeline-title' },
        h('h2', { id: 'timeline-title' }, 'Timeline'),
        h('p', { class: 'section-hint' }, 'In the order things happened in the world; developments recorded after later ones are marked “recorded late”.'),
        timelineBody,
      ),
    ),
    h('section', { class: 'card', 'aria-labelledby': 'revisions-title', id: 'revisions' },
      h('h2', { id: 'revisions-title' }, 'Revision history'),
      h('h3', {}, 'Compare two revisions'),
      compareArea,
      revisionsBody,
    ),
  );

  // Loads are coalesced: a refresh asked for while one runs makes one more run afterwards.
  let running;
  let again = false;
  function refresh() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await load();
      } while (again && !signal.aborted);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function load() {
    try {
      const [story, timeline, newRevisions] = await Promise.all([
        api.get(withQuery(storyPath(storyId), { revision: view.viewRevision }), { signal }),
        api.get(`${storyPath(storyId)}/timeline`, { signal }),
        loadRevisions(api, storyId, { after: view.revisions.at(-1)?.revision ?? 0, signal }),
      ]);
      view.document = story;
      view.timeline = timeline.items;
      view.revisions = [...view.revisions, ...newRevisions.filter((item) => item.revision > (view.revisions.at(-1)?.revision ?? 0))];
      view.latestRevision = Math.max(view.revisions.at(-1)?.revision ?? 0, story.revision);
      render();
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      if (problem.status === 404 && !view.document) {
        heading.textContent = 'Story not found';
        replaceChildren(meta, `There is no story “${storyId}”. `, h('a', { href: '#/' }, 'Back to the stories'));
        live.close();
        live.element.hidden = true;
        globalThis.document.title = 'Story not found · Story Tracker';
        return;
      }
      toast(`The story could not be loaded: ${problem.message}`, 'error');
    }
  }

  async function showRevision(revision) {
    view.viewRevision = revision >= view.latestRevision ? undefined : revision;
    history.replaceState(null, '', withQuery(`#${storyPath(storyId)}`, { revision: view.viewRevision }));
    try {
      view.document = await api.get(withQuery(storyPath(storyId), { revision: view.viewRevision }), { signal });
      render();
    } catch (problem) {
      if (problem.name !== 'AbortError') toast(`That revision could not be loaded: ${problem.message}`, 'error');
    }
  }

  function actions(developmentId, type, description) {
    if (!session.isEditor || view.viewRevision !== undefined || !developmentId) return null;
    const about = description ?? view.timeline.find((item) => item.developmentId === developmentId)?.description ?? type;
    const onDone = (result, what) => {
      toast(`${what}: revision ${result.revision}`);
      refresh();
    };
    const correct = h('button', { type: 'button', class: 'button button--small button--quiet', dataset: { focusKey: `correct-${developmentId}` }, 'aria-label': `Correct: ${about}` }, 'Correct');
    const retract = h('button', { type: 'button', class: 'button button--small button--quiet', dataset: { focusKey: `retract-${developmentId}` }, 'aria-label': `Retract: ${about}` }, 'Retract');
    const entry = view.timeline.find((item) => item.developmentId === developmentId);
    const timelineType = entry?.type ?? type;
    correct.addEventListener('click', () =>
      openCorrectionDialog({
        api, storyId, developmentId, type: timelineType, description: about,
        initial: fieldsOf(entry) ?? currentFieldsOf(view.document, developmentId),
        choices: choicesFrom(view.document, view.timeline),
        returnFocus: correct, onDone,
      }));
    retract.addEventListener('click', () => openRetractionDialog({ api, storyId, developmentId, type: timelineType, description: about, returnFocus: retract, onDone }));
    return h('div', { class: 'entry__actions' }, correct, retract);
  }

  function render() {
    const { document: story, latestRevision } = view;
    const focusKey = globalThis.document.activeElement?.dataset?.focusKey;
    const atRevision = view.viewRevision;
    heading.textContent = story.headline;
    globalThis.document.title = `${story.headline} · Story Tracker`;
    replaceChildren(
      meta,
      h('span', { class: `badge badge--${story.status}` }, story.status),
      ` revision ${story.revision}${atRevision ? ` of ${latestRevision}` : ''} · updated `,
      h('time', { datetime: story.updatedAt }, formatTime(story.updatedAt)),
      ` by ${story.updatedBy}`,
      story.tags.length ? [' · tags: ', story.tags.flatMap((tag, index) => [index > 0 ? ', ' : '', h('a', { href: withQuery('#/', { tag }) }, tag)])] : null,
    );
    summary.textContent = story.summary;
    banner.hidden = !atRevision;
    if (atRevision) {
      replaceChildren(banner,
        h('p', {}, h('strong', {}, `You are looking at revision ${atRevision}`), `, as the story stood when it was recorded. It is now at revision ${latestRevision}. `,
          h('button', { type: 'button', class: 'button button--small', onclick: () => showRevision(latestRevision).then(() => pickerArea.querySelector('input')?.focus()) }, 'Show the latest')));
    }
    stateTitle.textContent = atRevision ? `State at revision ${atRevision}` : 'Current state';
    replaceChildren(stateBody, renderState(story, { revisions: view.revisions.filter((item) => item.revision <= story.revision), timeline: view.timeline, actions, highlight: view.highlight }));
    replaceChildren(timelineBody, renderTimeline(view.timeline, { actions, highlight: view.highlight }));
    stateBody.setAttribute('aria-busy', 'false');
    timelineBody.setAttribute('aria-busy', 'false');
    renderPicker();
    // A live update must not undo what the reader picked.
    const picked = (name) => Number(compareArea.querySelector(`select[name="${name}"]`)?.value) || undefined;
    replaceChildren(compareArea, compareForm(view.revisions, storyId, { idPrefix: 'compare', from: picked('from'), to: picked('to') }));
    replaceChildren(revisionsBody, renderRevisions(view.revisions, storyId, {
      viewing: atRevision,
      shown: view.allRevisions ? Infinity : REVISIONS_SHOWN,
      onShowAll: () => {
        view.allRevisions = true;
        render();
        revisionsBody.querySelectorAll('.revision')[REVISIONS_SHOWN]?.querySelector('a')?.focus();
      },
    }));
    renderEditorDesk();
    if (focusKey) container.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  function renderPicker() {
    const current = view.viewRevision ?? view.latestRevision;
    let slider = pickerArea.querySelector('input[type="range"]');
    if (!slider) {
      const output = h('output', { id: 'picker-output', for: 'picker-slider' });
      const about = h('p', { class: 'picker__about', id: 'picker-about' });
      slider = h('input', { id: 'picker-slider', type: 'range', min: 1, step: 1, 'aria-describedby': 'picker-about' });
      let debounce;
      slider.addEventListener('input', () => {
        describePick(Number(slider.value));
        clearTimeout(debounce);
        debounce = setTimeout(() => showRevision(Number(slider.value)), 250);
      });
      slider.addEventListener('change', () => {
        clearTimeout(debounce);
        showRevision(Number(slider.value));
      });
      replaceChildren(pickerArea,
        h('h2', { id: 'picker-title' }, 'The story as it stood'),
        h('div', { class: 'picker__row' }, h('label', { for: 'picker-slider' }, 'Revision'), slider, output),
        about,
      );
    }
    slider.max = String(view.latestRevision);
    slider.value = String(current);
    slider.setAttribute('aria-valuetext', `Revision ${current} of ${view.latestRevision}`);
    describePick(current);
  }

  function describePick(revision) {
    const output = pickerArea.querySelector('output');
    const about = pickerArea.querySelector('.picker__about');
    const item = view.revisions.find((candidate) => candidate.revision === revision);
    output.textContent = `${revision} of ${view.latestRevision}${revision === view.latestRevision ? ' (latest)' : ''}`;
    pickerArea.querySelector('input[type="range"]').setAttribute('aria-valuetext', `Revision ${revision} of ${view.latestRevision}`);
    replaceChildren(about, item ? [h('strong', {}, item.description), ` — ${item.actor}, ${formatTime(item.recordedAt)}`] : '');
  }

  function renderEditorDesk() {
    if (!editorArea) return;
    const choices = choicesFrom(view.document, view.timeline);
    if (!editorForm) {
      editorForm = developmentForm({ api, storyId, choices, onRecorded: (result) => { toast(`Recorded: revision ${result.revision}`); refresh(); } });
      replaceChildren(editorArea, h('summary', {}, h('span', { class: 'editor-desk__title' }, 'Record a development')), editorForm.element);
    } else if (view.viewRevision === undefined) {
      editorForm.updateChoices(choices);
    }
  }

  return {
    dispose() {
      controller.abort();
      live.close();
      globalThis.document.querySelectorAll('dialog').forEach((dialog) => dialog.close());
    },
  };
}

/** A timeline entry's development fields as they stand now (corrections applied), without its type. */
function fieldsOf(entry) {
  if (!entry?.development) return undefined;
  const { type: _type, ...fields } = entry.development;
  return fields;
}
