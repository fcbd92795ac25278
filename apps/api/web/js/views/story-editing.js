import { ifMatch, newIdempotencyKey, storyPath } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatValue } from '../format.js';
import { createFields, EDIT_SUMMARY_FIELD, STORY_FIELDS } from '../fields.js';
import { openDialog } from './dialog.js';
import { baseRevisionTracker, formAlert, submitWrite } from './editor-forms.js';

/**
 * "Edit headline, summary and tags": pre-filled with the story as it stands; sends only what the
 * editor changed (PATCH), based on the revision they began from. Until the editor types, a live
 * update refreshes the pre-filled values.
 */
export function storyDetailsForm({ api, storyId, getStory, onSaved }) {
  const alert = formAlert();
  const done = h('p', { class: 'form-done', role: 'status' });
  const area = h('div', { class: 'fields fields--single' });
  const summaryArea = h('div', { class: 'fields fields--single' });
  const button = h('button', { type: 'submit', class: 'button' }, 'Save changes');
  const form = h('form', { class: 'editor-form', novalidate: true, 'aria-label': 'Edit headline, summary and tags' },
    alert, area, summaryArea, h('div', { class: 'form-actions' }, button), done);
  const base = baseRevisionTracker(form, () => getStory().revision);
  form.addEventListener('input', () => {
    if (alert.dataset.nothing) {
      alert.hidden = true;
      delete alert.dataset.nothing;
    }
  });
  let fields;
  let editSummary;
  let shownFrom;
  const fill = () => {
    const story = getStory();
    shownFrom = { headline: story.headline, summary: story.summary ?? '', tags: [...(story.tags ?? [])] };
    fields = createFields(STORY_FIELDS, { initial: shownFrom, idPrefix: 'story' });
    editSummary = createFields([EDIT_SUMMARY_FIELD], { idPrefix: 'story' });
    replaceChildren(area, fields.elements);
    replaceChildren(summaryArea, editSummary.elements);
  };
  fill();

  /** The fields that differ from what the form was filled with; an emptied summary or tag list is sent empty. */
  const changes = () => {
    const entered = fields.collect();
    const now = { headline: entered.headline ?? '', summary: entered.summary ?? '', tags: entered.tags ?? [] };
    return Object.fromEntries(Object.entries(now).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(shownFrom[key])));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    done.textContent = '';
    const body = changes();
    if (Object.keys(body).length === 0) {
      replaceChildren(alert, h('p', {}, h('strong', {}, 'Nothing to save: '), 'change the headline, the summary or the tags first.'));
      alert.hidden = false;
      alert.dataset.nothing = 'true';
      alert.focus();
      return;
    }
    Object.assign(body, editSummary.collect());
    const idempotencyKey = newIdempotencyKey();
    const result = await submitWrite({
      button,
      alert,
      fieldGroups: [fields, editSummary],
      busyText: 'Saving…',
      conflict: {
        api,
        storyId,
        baseRevision: base.get(),
        describe: () => Object.entries(body)
          .filter(([key]) => key !== 'editSummary')
          .map(([key, value]) => `${STORY_FIELDS.find((spec) => spec.name === key)?.label ?? key}: ${formatValue(value)}`)
          .join(' · '),
      },
      send: (revision) => api.patch(storyPath(storyId), body, { headers: { 'Idempotency-Key': idempotencyKey, ...ifMatch(revision) } }),
    });
    if (!result) return;
    base.reset();
    if (result.dropped) {
      fill();
      done.textContent = 'Your changes were dropped; nothing was recorded.';
      return;
    }
    done.textContent = `Saved as revision ${result.revision}.`;
    onSaved?.(result);
  });

  return {
    element: form,
    /** After a refresh: shows the story as it now stands, unless the editor has begun changing it. */
    update() {
      if (!base.started) fill();
    },
  };
}

const LIFECYCLE = {
  publish: {
    button: 'Publish',
    title: 'Publish this story',
    about: 'Readers can then read it without a token, and everything recorded after this appears in its public changelog.',
    confirm: 'Publish',
    busy: 'Publishing…',
    done: 'Published',
    danger: false,
  },
  archive: {
    button: 'Archive',
    title: 'Archive this story',
    about: 'An archived story takes no more changes of any kind. This cannot be undone.',
    confirm: 'Archive',
    busy: 'Archiving…',
    done: 'Archived',
    danger: true,
  },
};

/** The story's status, with Publish (a draft) and Archive (not yet archived), each confirmed in a dialog. */
export function lifecycleControls({ api, storyId, story, onDone }) {
  const statusText = {
    draft: 'This story is a draft: readers cannot see it yet.',
    published: 'This story is published.',
    archived: 'This story is archived: it takes no more changes.',
  }[story.status] ?? `Status: ${story.status}`;
  const actions = [story.status === 'draft' && 'publish', story.status !== 'archived' && 'archive'].filter(Boolean);
  return h('div', { class: 'lifecycle' },
    h('p', { class: 'lifecycle__status' }, h('span', { class: `badge badge--${story.status}` }, story.status), ' ', statusText),
    actions.length > 0
      ? h('div', { class: 'form-actions' }, actions.map((action) => {
          const words = LIFECYCLE[action];
          const button = h('button', { type: 'button', class: ['button', words.danger ? 'button--quiet' : null], dataset: { focusKey: `lifecycle-${action}` } }, words.button);
          button.addEventListener('click', () => openLifecycleDialog({ api, storyId, action, story, returnFocus: button, onDone }));
          return button;
        }))
      : null,
  );
}

function openLifecycleDialog({ api, storyId, action, story, returnFocus, onDone }) {
  const words = LIFECYCLE[action];
  const revision = story.revision; // what the editor is looking at as they decide
  const fields = createFields([EDIT_SUMMARY_FIELD], { idPrefix: action });
  const alert = formAlert();
  const button = h('button', { type: 'submit', class: ['button', words.danger && 'button--danger'] }, words.confirm);
  const cancel = h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel');
  const idempotencyKey = newIdempotencyKey();
  const form = h('form', { class: 'editor-form', novalidate: true },
    h('p', { class: 'dialog__about' }, story.headline),
    h('p', {}, words.about),
    alert,
    h('div', { class: 'fields fields--single' }, fields.elements),
    h('div', { class: 'form-actions' }, button, cancel),
  );
  const dialog = openDialog(words.title, form, returnFocus);
  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await submitWrite({
      button,
      alert,
      fieldGroups: [fields],
      busyText: words.busy,
      conflict: { api, storyId, baseRevision: revision, describe: () => `${words.title} (as it stood at revision ${revision})` },
      send: (basedOn) => api.post(`${storyPath(storyId)}/${action}`, fields.collect(), { headers: { 'Idempotency-Key': idempotencyKey, ...ifMatch(basedOn) } }),
    });
    if (!result) return;
    dialog.close();
    onDone?.(result, result.dropped ? `${words.button} dropped` : words.done);
  });
}
