import { newIdempotencyKey, storyPath } from '../api.js';
import { h } from '../dom.js';
import { createFields, EDIT_SUMMARY_FIELD, STORY_FIELDS, STORY_SLUG_FIELD } from '../fields.js';
import { formAlert, submitWrite } from './editor-forms.js';

/**
 * "Open a new story" (editors): its id, headline, summary and tags (POST /stories). A story that is
 * new has no revision to base the write on; an id already taken is the server's 409, shown with a
 * link to that story. Once opened, the page goes to the story.
 */
export function openStoryForm({ api, navigate, toast }) {
  const slug = createFields([STORY_SLUG_FIELD], { idPrefix: 'open' });
  const fields = createFields(STORY_FIELDS, { idPrefix: 'open' });
  const editSummary = createFields([EDIT_SUMMARY_FIELD], { idPrefix: 'open' });
  const alert = formAlert();
  const button = h('button', { type: 'submit', class: 'button' }, 'Open story');
  let idempotencyKey = newIdempotencyKey();
  const form = h('form', { class: 'editor-form', novalidate: true, 'aria-label': 'Open a new story' },
    alert,
    h('div', { class: 'fields fields--single' }, slug.elements, fields.elements, editSummary.elements),
    h('div', { class: 'form-actions' }, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { ...slug.collect(), ...fields.collect(), ...editSummary.collect() };
    let taken = false;
    const result = await submitWrite({
      button,
      alert,
      fieldGroups: [slug, fields, editSummary],
      busyText: 'Opening…',
      send: async () => {
        try {
          return await api.post('/stories', body, { headers: { 'Idempotency-Key': idempotencyKey } });
        } catch (problem) {
          taken = problem.status === 409;
          throw problem;
        }
      },
    });
    if (!result) {
      if (taken) alert.append(h('p', {}, h('a', { href: `#${storyPath(body.slug)}` }, `Go to the story “${body.slug}”`)));
      return;
    }
    idempotencyKey = newIdempotencyKey();
    toast(`Story opened: revision ${result.revision}`);
    navigate(`#${storyPath(body.slug)}`);
  });
  return h('details', { class: 'card editor-desk editor-desk--open' },
    h('summary', {}, h('span', { class: 'editor-desk__title' }, 'Open a new story')),
    form,
  );
}
