import { ifMatch, newIdempotencyKey, storyPath } from '../api.js';
import { h, uniqueId } from '../dom.js';
import { developmentFields, developmentLabel, developmentType } from '../development-types.js';
import { COMMON_FIELDS, createFields } from '../fields.js';
import { formatTime, formatValue } from '../format.js';
import { isRedacted, plainText } from '../redaction.js';
import { openDialog } from './dialog.js';
import { formAlert, submitWrite } from './editor-forms.js';

/** Fields that say what a development is, or what it acts on: the server refuses them (retract instead). */
const IDENTIFYING = ['type', 'developmentId'];
const TIME_FIELDS = new Set(['occurredAt', 'scheduledFor']);

/** RFC 6901: "~" and "/" inside a key are escaped. */
const pointerOf = (keys) => keys.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * The fields of a development one may redact, as `{ path, label, value, redacted }`: each field it has
 * (a source's name and address apart), by the labels of its form, in the form's order; a list as one
 * field. The fields that identify it or refer to another development are left out.
 */
export function redactableFields(type, fields) {
  const specs = [...developmentFields(type), ...COMMON_FIELDS];
  const references = (developmentType(type)?.fields ?? []).filter((field) => field.kind === 'reference').map((field) => field.name);
  const skip = new Set([...IDENTIFYING, ...references]);
  const order = (name) => {
    const index = specs.findIndex((spec) => spec.name === name || spec.name.startsWith(`${name}.`));
    return index === -1 ? specs.length : index;
  };
  const labelOf = (keys) => specs.find((spec) => spec.name === keys.join('.'))?.label ?? keys.join(' ');
  const leaves = [];
  for (const [key, value] of Object.entries(fields ?? {}).sort(([a], [b]) => order(a) - order(b))) {
    if (skip.has(key) || value === undefined || value === null) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (innerValue !== undefined && innerValue !== null) leaves.push({ keys: [key, inner], value: innerValue });
      }
    } else {
      leaves.push({ keys: [key], value });
    }
  }
  return leaves.map(({ keys, value }) => ({
    path: pointerOf(keys),
    label: labelOf(keys),
    value: TIME_FIELDS.has(keys[0]) && !isRedacted(value) ? formatTime(value) : formatValue(value),
    redacted: isRedacted(value) || (Array.isArray(value) && value.length > 0 && value.every(isRedacted)),
  }));
}

/**
 * "Redact…" (the redactor's role): which fields of a development to take out of the record, and why.
 * The words say what it does before it is done; nothing is sent without a field and a reason. Sent
 * based on the revision the redactor was looking at (a 412 shows what changed since); the server's
 * 403, 404 and 422 answers show in the dialog with their messages.
 */
export function openRedactionDialog({ api, storyId, developmentId, type, description, fields, revision, returnFocus, onDone }) {
  const choices = redactableFields(type, fields);
  const open = choices.filter((choice) => !choice.redacted);
  const done = choices.filter((choice) => choice.redacted);
  const boxes = open.map((choice) => {
    const id = uniqueId('redact-path');
    const box = h('input', { type: 'checkbox', id, name: 'paths', value: choice.path });
    return {
      choice,
      box,
      element: h('div', { class: 'redact-choice' }, box, ' ',
        h('label', { for: id }, h('span', { class: 'redact-choice__label' }, choice.label), ' ', h('span', { class: 'redact-choice__value' }, plainText(choice.value)))),
    };
  });
  const reason = createFields([{
    name: 'reason',
    label: 'Reason for the redaction',
    kind: 'textarea',
    required: true,
    hint: 'Everyone who reads the story sees it beside the mark (a court order, a source at risk…): do not repeat the value.',
  }], { idPrefix: 'redaction' });
  const alert = formAlert();
  const button = h('button', { type: 'submit', class: 'button button--danger' }, 'Redact for good');
  const cancel = h('button', { type: 'button', class: 'button button--quiet' }, open.length > 0 ? 'Cancel' : 'Close');
  const idempotencyKey = newIdempotencyKey();
  const form = h('form', { class: 'editor-form', novalidate: true },
    h('p', { class: 'dialog__about' }, plainText(description)),
    h('div', { class: 'notice redaction-warning' },
      h('p', {}, h('strong', {}, 'This removes the value from the record for good; the proof stays.')),
      h('p', {}, 'Every answer, at every revision, then shows “redacted” in its place, with your reason, your name and the date; the audit still verifies. It cannot be undone.')),
    alert,
    open.length > 0
      ? h('fieldset', { class: 'redact-choices' }, h('legend', {}, 'Fields to redact'), boxes.map((item) => item.element))
      : h('p', { class: 'empty' }, 'Nothing is left to redact in this development.'),
    done.length > 0 ? h('p', { class: 'field__hint' }, `Already redacted: ${done.map((choice) => choice.label).join(', ')}.`) : null,
    open.length > 0 ? h('div', { class: 'fields fields--single' }, reason.elements) : null,
    h('div', { class: 'form-actions' }, open.length > 0 ? button : null, cancel),
  );
  const dialog = openDialog(`Redact: ${developmentLabel(type)}`, form, returnFocus, { className: 'dialog--redaction' });
  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('change', () => {
    if (alert.dataset.noField) {
      alert.hidden = true;
      delete alert.dataset.noField;
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = boxes.filter((item) => item.box.checked).map((item) => item.choice);
    if (chosen.length === 0) {
      alert.replaceChildren(h('p', {}, h('strong', {}, 'Nothing redacted: '), 'choose at least one field.'));
      alert.hidden = false;
      alert.dataset.noField = 'true';
      boxes[0]?.box.focus();
      return;
    }
    const body = { paths: chosen.map((choice) => choice.path), ...reason.collect() };
    const result = await submitWrite({
      button,
      alert,
      fieldGroups: [reason],
      busyText: 'Redacting…',
      conflict: {
        api,
        storyId,
        baseRevision: revision,
        // Never the values: what is to go, by its labels.
        describe: () => `Redaction of ${chosen.map((choice) => choice.label).join(', ')} of “${plainText(description)}”; reason: ${body.reason ?? '(none)'}`,
      },
      send: (basedOn) => api.post(`${storyPath(storyId)}/developments/${encodeURIComponent(developmentId)}/redactions`, body, { headers: { 'Idempotency-Key': idempotencyKey, ...ifMatch(basedOn) } }),
    });
    if (!result) return;
    dialog.close();
    if (result.dropped) onDone?.(result, 'Redaction dropped');
    else if (Array.isArray(result.events) && result.events.length === 0) onDone?.(result, 'Already redacted, nothing changed');
    else onDone?.(result, `Redacted ${chosen.map((choice) => choice.label).join(', ')}`);
  });
}
