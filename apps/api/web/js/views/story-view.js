import { storyPath, withQuery } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatTime } from '../format.js';
import { choicesFrom } from '../fields.js';
import { storyRedactions } from '../redaction.js';
import { developmentForm } from './editor-forms.js';
import { entryActions } from './entry-actions.js';
import { lifecycleControls, storyDetailsForm } from './story-editing.js';
import { compareForm, loadRevisions, renderRevisions, renderTimeline } from './history-lists.js';
import { liveFeed } from './live-status.js';
import { renderState } from './story-state.js';
import { watchControl } from './watch-control.js';
import { coalesced } from '../coalesce.js';

const MAX_RECENT_UPDATES = 5;
const REVISIONS_SHOWN = 10;

/**
 * One story: its state (now, or as it stood at a chosen revision), its timeline in world time, its
 * revision history with a way to compare any two revisions, the editor's forms, the redactor's
 * "Redact…", and live updates. Redacted values show as marks, with the reasons the latest state gives.
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
  const editorArea = session.isEditor ? h('section', { class: 'card editor-area', 'aria-labelledby': 'editor-title' }) : null;
  const desk = {};
  // Watching (reporters, editors, auditors) and the readers' page (a story that has been published).
  const tools = h('div', { class: 'story-tools' });
  const readersLink = h('a', { class: 'button button--quiet button--small story-tools__readers', href: `/public/stories/${encodeURIComponent(storyId)}`, target: '_blank', rel: 'noopener', hidden: true },
    'Readers’ page', h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
  let watch;
  let live;
  // Loads are coalesced: a refresh asked for while one runs makes one more run afterwards.
  const refresh = coalesced(() => load(), () => signal.aborted);
  // Correct and Retract (editors, not on an archived story), Redact… (redactors), on the latest revision only.
  const actions = entryActions({ api, storyId, session, toast, view, refresh });

  // Until the story has loaded, only its heading: a story that does not exist shows no empty sections.
  const breadcrumb = h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, '← All stories'));
  replaceChildren(container, breadcrumb, h('header', { class: 'story-header' }, heading, meta, summary));

  function showStory() {
    if (session.mayWatch) watch = watchControl({ api, storyId, toast, signal, getHeadline: () => view.latest?.headline ?? storyId });
    replaceChildren(tools, watch?.element, readersLink);
    live = liveFeed(`${storyPath(storyId)}/live`, {
      session,
      onReady: () => refresh(),
      onMessage: (data) => {
        if (data.storyId !== storyId) return;
        if (data.developmentId) view.highlight.add(data.developmentId);
        recent.prepend(h('li', { class: 'recent-updates__item', dataset: { revision: data.revision } }, recentUpdate(data)));
        while (recent.children.length > MAX_RECENT_UPDATES) recent.lastElementChild.remove();
        refresh();
      },
    });
    replaceChildren(
      container,
      breadcrumb,
      h('header', { class: 'story-header' }, heading, meta, summary, tools),
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
  }

  function showNotFound() {
    heading.textContent = `No story called “${storyId}”`;
    replaceChildren(meta);
    replaceChildren(summary,
      'There is no story with this id: it may have been mistyped, or never opened. ',
      h('a', { href: '#/' }, 'See all the stories'),
      session.isEditor ? ' (editors can open a new one there).' : '.');
    summary.classList.add('not-found');
    globalThis.document.title = 'No such story · Story Tracker';
  }

  async function load() {
    try {
      const first = !view.document;
      // The first load asks for the story alone: a missing one is then one 404, not three.
      const story = await api.get(withQuery(storyPath(storyId), { revision: view.viewRevision }), { signal });
      const [timeline, newRevisions, latest] = await Promise.all([
        api.get(`${storyPath(storyId)}/timeline`, { signal }),
        loadRevisions(api, storyId, { after: view.revisions.at(-1)?.revision ?? 0, signal }),
        // The editor's desk works on the latest revision, even while an earlier one is shown; and
        // the latest state says why a value is redacted (an earlier one shows it redacted, not why).
        view.viewRevision === undefined ? story : api.get(storyPath(storyId), { signal }),
      ]);
      view.document = story;
      view.latest = latest;
      view.timeline = timeline.items;
      if (view.revisions.length > 0 && newRevisions.some((item) => item.type === 'DevelopmentRedacted')) {
        // A redaction reaches back: the descriptions already shown may hold the value. Read them all again.
        view.revisions = await loadRevisions(api, storyId, { signal });
        rewordRecentUpdates();
      } else {
        view.revisions = [...view.revisions, ...newRevisions.filter((item) => item.revision > (view.revisions.at(-1)?.revision ?? 0))];
      }
      view.latestRevision = Math.max(view.revisions.at(-1)?.revision ?? 0, story.revision);
      if (first && view.viewRevision !== undefined && view.viewRevision >= view.latestRevision) {
        // A link to what is the latest revision (an alert followed at once): the story as it is, live.
        view.viewRevision = undefined;
        history.replaceState(null, '', `#${storyPath(storyId)}`);
      }
      if (first) showStory();
      render();
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      if (problem.status === 404 && !view.document) {
        showNotFound();
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
      if (view.viewRevision === undefined) view.latest = view.document;
      render();
    } catch (problem) {
      if (problem.name !== 'AbortError') toast(`That revision could not be loaded: ${problem.message}`, 'error');
    }
  }

  /** A live update's line: its description, with marks where values were redacted. */
  function recentUpdate(data) {
    return [h('span', { class: 'badge badge--new' }, 'new'), ' ', `Revision ${data.revision}: `, redactions().text(data.description, data.developmentId)];
  }

  /** After a redaction, the live lines read as their revisions now do (without the values). */
  function rewordRecentUpdates() {
    for (const line of [...recent.children]) {
      const item = view.revisions.find((candidate) => candidate.revision === Number(line.dataset.revision));
      if (item) replaceChildren(line, recentUpdate(item));
      else line.remove();
    }
  }

  /** Published now, or archived after it was: readers have a page for it (GET /public/stories/{id}). */
  function hasBeenPublished() {
    const status = (view.latest ?? view.document)?.status;
    return status === 'published' || (status === 'archived' && view.revisions.some((item) => item.type === 'StoryPublished'));
  }

  /** The story's redactions, from its latest state. */
  function redactions() {
    return storyRedactions(view.latest ?? view.document);
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
    readersLink.hidden = !hasBeenPublished();
    banner.hidden = !atRevision;
    if (atRevision) {
      replaceChildren(banner,
        h('p', {}, h('strong', {}, `You are looking at revision ${atRevision}`), `, as the story stood when it was recorded. It is now at revision ${latestRevision}. `,
          h('button', { type: 'button', class: 'button button--small', onclick: () => showRevision(latestRevision).then(() => pickerArea.querySelector('input')?.focus()) }, 'Show the latest')));
    }
    stateTitle.textContent = atRevision ? `State at revision ${atRevision}` : 'Current state';
    const known = redactions();
    replaceChildren(stateBody, renderState(story, { revisions: view.revisions, timeline: view.timeline, actions, highlight: view.highlight, redactions: known }));
    replaceChildren(timelineBody, renderTimeline(view.timeline, { actions, highlight: view.highlight, redactions: known }));
    stateBody.setAttribute('aria-busy', 'false');
    timelineBody.setAttribute('aria-busy', 'false');
    renderPicker();
    // A live update must not undo what the reader picked.
    const picked = (name) => Number(compareArea.querySelector(`select[name="${name}"]`)?.value) || undefined;
    replaceChildren(compareArea, compareForm(view.revisions, storyId, { idPrefix: 'compare', from: picked('from'), to: picked('to') }));
    replaceChildren(revisionsBody, renderRevisions(view.revisions, storyId, {
      viewing: atRevision,
      redactions: known,
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
    replaceChildren(about, item ? [h('strong', {}, redactions().text(item.description, item.developmentId)), ` — ${item.actor}, ${formatTime(item.recordedAt)}`] : '');
  }

  /**
   * The editor's desk: the story's status with Publish and Archive, recording a development, and
   * editing the headline, summary and tags. Every change is based on the latest revision the page
   * has shown (If-Match); an archived story shows only its status.
   */
  function renderEditorDesk() {
    if (!editorArea || !view.latest) return;
    const story = view.latest;
    const onDone = (result, what) => {
      toast(result.dropped ? `${what}: nothing was recorded` : `${what}: revision ${result.revision}`);
      refresh();
    };
    if (!desk.title) {
      desk.title = h('h2', { id: 'editor-title' }, 'Editor’s desk');
      desk.lifecycle = h('div', {});
      desk.forms = h('div', {});
      replaceChildren(editorArea, desk.title, desk.lifecycle, desk.forms);
    }
    const focusKey = globalThis.document.activeElement?.dataset?.focusKey;
    replaceChildren(desk.lifecycle, lifecycleControls({ api, storyId, story, onDone }));
    if (focusKey?.startsWith('lifecycle-')) desk.lifecycle.querySelector(`[data-focus-key="${focusKey}"]`)?.focus();
    if (story.status === 'archived') {
      replaceChildren(desk.forms);
      desk.record = desk.details = undefined;
      return;
    }
    const choices = choicesFrom(view.document, view.timeline);
    if (!desk.record) {
      desk.record = developmentForm({ api, storyId, choices, getRevision: () => view.latest.revision, onRecorded: (result) => { toast(`Recorded: revision ${result.revision}`); refresh(); } });
      desk.details = storyDetailsForm({ api, storyId, getStory: () => view.latest, onSaved: (result) => { toast(`Saved: revision ${result.revision}`); refresh(); } });
      replaceChildren(desk.forms,
        h('details', { class: 'editor-desk editor-desk--record' }, h('summary', {}, h('span', { class: 'editor-desk__title' }, 'Record a development')), desk.record.element),
        h('details', { class: 'editor-desk editor-desk--story' }, h('summary', {}, h('span', { class: 'editor-desk__title' }, 'Edit headline, summary and tags')), desk.details.element),
      );
    } else if (view.viewRevision === undefined) {
      desk.record.updateChoices(choices);
      desk.details.update();
    }
  }

  refresh();

  return {
    dispose() {
      controller.abort();
      live?.close();
      globalThis.document.querySelectorAll('dialog').forEach((dialog) => dialog.close());
    },
  };
}
