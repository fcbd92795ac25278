import { ifMatch, newIdempotencyKey, storyPath } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { developmentFields, developmentLabel, developmentTypes } from '../development-types.js';
import { COMMON_FIELDS, createFields, EDIT_SUMMARY_FIELD } from '../fields.js';
import { describeChange, openConflictDialog } from './conflict.js';
import { openDialog } from './dialog.js';

/**
 * Sends a write and shows the outcome: 400 messages beside their fields, any other problem (422 names
 * the broken rule) in the form's alert. Answers the response body, `{ dropped: true }` when the
 * editor dropped the change after a conflict, or undefined on failure.
 *
 * With `conflict` ({ api, storyId, baseRevision, describe }), `send(revision)` is given the revision
 * to put in If-Match: first the one the editor's change was based on; after a 412 the conflict screen
 * shows what changed since, and if the editor re-applies the change, the revision it is now at.
 */
export async function submitWrite({ button, alert, fieldGroups, prefix, send, busyText, conflict }) {
  fieldGroups.forEach((fields) => fields.clearErrors());
  replaceChildren(alert);
  alert.hidden = true;
  const label = button.textContent;
  button.disabled = true;
  button.textContent = busyText;
  let revision = conflict?.baseRevision;
  try {
    for (;;) {
      try {
        return await send(revision);
      } catch (problem) {
        if (problem.status === 412 && conflict && Number.isInteger(problem.currentRevision)) {
          const choice = await openConflictDialog({
            api: conflict.api,
            storyId: conflict.storyId,
            seen: revision,
            current: problem.currentRevision,
            yourChange: conflict.describe?.(),
            returnFocus: button,
          });
          if (choice === 'drop') return { dropped: true };
          if (choice === 'later') {
            throw Object.assign(new Error('later'), {
              title: 'Not recorded yet',
              detail: `The story has moved on to revision ${problem.currentRevision} since you began. Send your change again to see what changed, then record it or drop it.`,
            });
          }
          revision = problem.currentRevision;
          continue;
        }
        throw problem;
      }
    }
  } catch (problem) {
    if (problem.name === 'AbortError') return undefined;
    let unmatched = problem.errors ?? [];
    if (problem.status === 400 && unmatched.length > 0) {
      for (const fields of fieldGroups) unmatched = fields.showErrors(unmatched, { prefix });
      replaceChildren(
        alert,
        h('p', {}, h('strong', {}, 'Not recorded: '), unmatched.length === 0 ? 'check the fields marked below.' : 'the server found these problems:'),
        unmatched.length > 0 ? h('ul', {}, unmatched.map((error) => h('li', {}, `${error.field}: ${error.messages.join(' ')}`))) : null,
      );
    } else {
      replaceChildren(alert, h('p', {}, h('strong', {}, `${problem.title ?? 'Not recorded'}: `), problem.detail ?? problem.message));
    }
    alert.hidden = false;
    // The first field in error (in the order they are shown), else the alert.
    const firstInvalid = button.form?.querySelector('[aria-invalid="true"]');
    if (firstInvalid && unmatched.length === 0) firstInvalid.focus();
    else alert.focus();
    return undefined;
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

/**
 * The revision an editor's change is based on: the one the page showed when they began it (their
 * first keystroke in the form), not whatever a live update has brought in since.
 */
export function baseRevisionTracker(form, getRevision) {
  let base;
  form.addEventListener('input', () => {
    base ??= getRevision();
  });
  return {
    get: () => base ?? getRevision(),
    get started() {
      return base !== undefined;
    },
    reset: () => {
      base = undefined;
    },
  };
}

export function formAlert() {
  return h('div', { class: 'notice notice--error form-alert', role: 'alert', tabindex: '-1', hidden: true });
}

/** "Record a development": a type select, then that type's fields and the common ones. */
export function developmentForm({ api, storyId, choices, getRevision, onRecorded }) {
  let currentChoices = choices;
  let idempotencyKey = newIdempotencyKey();
  const typeSelect = h(
    'select',
    { id: 'development-type', name: 'type' },
    developmentTypes().map(({ type, label }) => h('option', { value: type }, label)),
  );
  const specific = h('div', { class: 'fields' });
  const common = createFields(COMMON_FIELDS, { idPrefix: 'development' });
  const summary = createFields([EDIT_SUMMARY_FIELD], { idPrefix: 'development' });
  let fields;
  const showType = () => {
    fields = createFields(developmentFields(typeSelect.value), { choices: currentChoices, idPrefix: 'development' });
    replaceChildren(specific, fields.elements);
  };
  typeSelect.addEventListener('change', showType);
  showType();
  const alert = formAlert();
  const done = h('p', { class: 'form-done', role: 'status' });
  const button = h('button', { type: 'submit', class: 'button' }, 'Record development');
  const form = h(
    'form',
    { class: 'editor-form', novalidate: true, 'aria-label': 'Record a development' },
    alert,
    h('div', { class: 'field' }, h('label', { for: 'development-type' }, 'Type of development'), typeSelect),
    specific,
    h('fieldset', { class: 'fields fields--secondary' }, h('legend', {}, 'When, who said so, and why'), common.elements, summary.elements),
    h('div', { class: 'form-actions' }, button),
    done,
  );
  const base = baseRevisionTracker(form, getRevision);
  const clear = () => {
    idempotencyKey = newIdempotencyKey();
    base.reset();
    fields.reset();
    common.reset();
    summary.reset();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    done.textContent = '';
    const body = { type: typeSelect.value, ...fields.collect(), ...common.collect(), ...summary.collect() };
    const type = typeSelect.value;
    const result = await submitWrite({
      button,
      alert,
      fieldGroups: [fields, common, summary],
      busyText: 'Recording…',
      conflict: {
        api,
        storyId,
        baseRevision: base.get(),
        describe: () => `${developmentLabel(type)}: ${describeChange([...developmentFields(type), ...COMMON_FIELDS, EDIT_SUMMARY_FIELD], body)}`,
      },
      send: (revision) => api.post(`${storyPath(storyId)}/developments`, body, { headers: { 'Idempotency-Key': idempotencyKey, ...ifMatch(revision) } }),
    });
    if (!result) return;
    clear();
    if (result.dropped) {
      done.textContent = 'Your development was dropped; nothing was recorded.';
      return;
    }
    done.textContent = `Recorded as revision ${result.revision}.`;
    onRecorded?.(result);
  });
  return {
    element: form,
    updateChoices(newChoices) {
      currentChoices = newChoices;
      fields.updateChoices(newChoices);
    },
  };
}

/**
 * Correct a development: its fields (references excluded), pre-filled where the current state shows
 * them; only what was changed is sent, with the reason.
 */
export function openCorrectionDialog({ api, storyId, developmentId, type, description, initial, choices, revision, returnFocus, onDone }) {
  const specs = [...developmentFields(type).filter((spec) => !spec.reference), ...COMMON_FIELDS];
  const fields = createFields(specs, { choices, initial: initial ?? {}, idPrefix: 'correction' });
  const reason = createFields([{ name: 'reason', label: 'Reason for the correction', kind: 'textarea', required: true }, EDIT_SUMMARY_FIELD], { idPrefix: 'correction' });
  const alert = formAlert();
  const button = h('button', { type: 'submit', class: 'button' }, 'Record correction');
  const cancel = h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel');
  const idempotencyKey = newIdempotencyKey();
  const form = h(
    'form',
    { class: 'editor-form', novalidate: true },
    h('p', { class: 'dialog__about' }, description),
    h('p', { class: 'field__hint' }, initial ? 'Change the fields that were wrong; the others are left as they are.' : 'Fill in only the fields that were wrong; empty fields are left as they are.'),
    alert,
    h('div', { class: 'fields' }, fields.elements),
    h('div', { class: 'fields' }, reason.elements),
    h('div', { class: 'form-actions' }, button, cancel),
  );
  const dialog = openDialog(`Correct: ${developmentLabel(type)}`, form, returnFocus);
  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { changes: fields.collect({ changedOnly: true }), ...reason.collect() };
    const result = await submitWrite({
      button,
      alert,
      fieldGroups: [fields, reason],
      prefix: 'changes.',
      busyText: 'Recording…',
      conflict: {
        api,
        storyId,
        baseRevision: revision,
        describe: () => `Correction of “${description}”: ${describeChange(specs, body.changes) || 'no field changed'}; reason: ${body.reason ?? '(none)'}`,
      },
      send: (basedOn) => api.post(`${storyPath(storyId)}/developments/${encodeURIComponent(developmentId)}/corrections`, body, { headers: { 'Idempotency-Key': idempotencyKey, ...ifMatch(basedOn) } }),
    });
    if (!result) return;
    dialog.close();
    onDone?.(result, result.dropped ? 'Correction dropped' : 'Correction recorded');
  });
}

/** Retract a development: it leaves the current state; the history keeps it. */
export function openRetractionDialog({ api, storyId, developmentId, type, description, revision, returnFocus, onDone }) {
  const fields = createFields([{ name: 'reason', label: 'Reason for the retraction', kind: 'textarea', required: true }, EDIT_SUMMARY_FIELD], { idPrefix: 'retraction' });
  const alert = formAlert();
  const button = h('button', { type: 'submit', class: 'button button--danger' }, 'Retract');
  const cancel = h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel');
  const idempotencyKey = newIdempotencyKey();
  const form = h(
    'form',
    { class: 'editor-form', novalidate: true },
    h('p', { class: 'dialog__about' }, description),
    h('p', { class: 'field__hint' }, 'The development leaves the current state; the history keeps it, with your reason.'),
    alert,
    h('div', { class: 'fields' }, fields.elements),
    h('div', { class: 'form-actions' }, button, cancel),
  );
  const dialog = openDialog(`Retract: ${developmentLabel(type)}`, form, returnFocus);
  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = fields.collect();
    const result = await submitWrite({
      button,
      alert,
      fieldGroups: [fields],
      busyText: 'Retracting…',
      conflict: { api, storyId, baseRevision: revision, describe: () => `Retraction of “${description}”; reason: ${body.reason ?? '(none)'}` },
      send: (basedOn) => api.post(`${storyPath(storyId)}/developments/${encodeURIComponent(developmentId)}/retractions`, body, { headers: { 'Idempotency-Key': idempotencyKey, ...ifMatch(basedOn) } }),
    });
    if (!result) return;
    dialog.close();
    onDone?.(result, result.dropped ? 'Retraction dropped' : 'Retraction recorded');
  });
}
