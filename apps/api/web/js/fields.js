// Form fields for developments, corrections and retractions: built from a spec per field (a development
// type's specs come from the server, see development-types.js),
// read back into the JSON body the API expects, and able to show the server's 400 messages beside
// each field.
import { h, uniqueId } from './dom.js';
import { formatNames, formatTime, truncate } from './format.js';
import { plainText } from './redaction.js';

export const TIME_HINT = 'A date (2022-02-07) or a UTC time (2022-02-07T12:00:00Z)';

// The fields of each development type come from the server (development-types.js).

/** Fields every development may carry. */
export const COMMON_FIELDS = [
  { name: 'occurredAt', label: 'When it happened', kind: 'time', hint: `${TIME_HINT}; leave empty if it is happening now` },
  { name: 'source.name', label: 'Source', hint: 'Who said so' },
  { name: 'source.url', label: 'Source address', kind: 'url' },
  { name: 'note', label: 'Note for readers', kind: 'textarea' },
];

/** The story's own fields: opening a story, revising its headline, summary and tags. */
export const STORY_SLUG_FIELD = {
  name: 'slug',
  label: 'Slug',
  required: true,
  hint: 'The story’s short name in its address: lowercase letters, digits and single hyphens, 3 to 80 characters (scholz-trip). It cannot be changed later.',
};
export const STORY_FIELDS = [
  { name: 'headline', label: 'Headline', required: true },
  { name: 'summary', label: 'Summary', kind: 'textarea' },
  { name: 'tags', label: 'Tags', kind: 'list', hint: 'One per line (nato, ukraine)' },
];

export const EDIT_SUMMARY_FIELD = { name: 'editSummary', label: 'Edit summary', hint: 'Why this change; shown in the revision history' };

/**
 * A group of fields. `choices` gives the options of reference fields: `{ meetings, demands,
 * developments }`, each `[[value, label], ...]`. `initial` pre-fills values (for corrections).
 */
export function createFields(specs, { choices = {}, initial = {}, idPrefix = 'field' } = {}) {
  const controls = specs.map((spec) => createControl(spec, choices, valueAt(initial, spec.name), idPrefix));
  return {
    elements: controls.map((control) => control.element),
    /**
     * The body: only fields with a value. `changedOnly` keeps only the top-level fields that differ
     * from `initial` (a changed source address sends the whole source, name included).
     */
    collect({ changedOnly = false } = {}) {
      const body = {};
      for (const control of controls) {
        const value = control.read();
        if (value !== undefined) setAt(body, control.spec.name, value);
      }
      if (!changedOnly) return body;
      return Object.fromEntries(Object.entries(body).filter(([key, value]) => canonical(value) !== canonical(initial[key])));
    },
    /** Shows each error beside its field; answers the errors that name no field here. */
    showErrors(errors, { prefix = '' } = {}) {
      const unmatched = [];
      for (const error of errors) {
        const field = prefix && error.field.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
        const control = controls.find((candidate) => candidate.spec.name === field) ?? controls.find((candidate) => candidate.spec.name.startsWith(`${field}.`));
        if (control) control.showError(error.messages);
        else unmatched.push(error);
      }
      return unmatched;
    },
    clearErrors() {
      controls.forEach((control) => control.clearError());
    },
    reset() {
      controls.forEach((control) => control.reset());
    },
    /** Refreshes the options of reference selects, keeping what is selected. */
    updateChoices(newChoices) {
      controls.forEach((control) => control.updateChoices?.(newChoices));
    },
  };
}

function createControl(spec, choices, initialValue, idPrefix) {
  const id = uniqueId(`${idPrefix}-${spec.name.replace(/\W/g, '-')}`);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const kind = spec.kind ?? 'text';
  const describedBy = () => [spec.hint && hintId, !error.hidden && errorId].filter(Boolean).join(' ') || undefined;
  let input;
  if (kind === 'textarea' || kind === 'list') {
    input = h('textarea', { id, name: spec.name, rows: kind === 'list' ? 3 : 3 });
  } else if (kind === 'select' || kind === 'meeting' || kind === 'demand' || kind === 'development') {
    input = h('select', { id, name: spec.name });
    fillOptions(input, optionsFor(spec, choices));
  } else {
    input = h('input', {
      id,
      name: spec.name,
      type: kind === 'url' ? 'url' : 'text',
      inputmode: kind === 'integer' ? 'numeric' : kind === 'number' ? 'decimal' : undefined,
      autocomplete: 'off',
    });
  }
  if (spec.required) input.setAttribute('aria-required', 'true');
  const error = h('p', { class: 'field__error', id: errorId, hidden: true });
  const element = h(
    'div',
    { class: ['field', ['textarea', 'list', 'meeting', 'demand', 'development'].includes(kind) && 'field--wide'], dataset: { field: spec.name } },
    h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'field__required' }, ' (required)') : null),
    spec.hint ? h('p', { class: 'field__hint', id: hintId }, spec.hint) : null,
    input,
    error,
  );
  const write = (value) => {
    if (value === undefined || value === null) input.value = '';
    else if (Array.isArray(value)) input.value = value.join('\n');
    else input.value = String(value);
  };
  write(initialValue);
  const updateDescription = () => {
    const ids = describedBy();
    if (ids) input.setAttribute('aria-describedby', ids);
    else input.removeAttribute('aria-describedby');
  };
  updateDescription();
  return {
    spec,
    input,
    element,
    initial: initialValue,
    read() {
      const raw = input.value;
      if (kind === 'list') {
        const items = raw.split('\n').map((item) => item.trim()).filter(Boolean);
        return items.length > 0 ? items : undefined;
      }
      const text = raw.trim();
      if (text === '') return undefined;
      // A number that does not parse goes as text, so the server names the problem beside the field.
      if (kind === 'integer' || kind === 'number') return /^-?\d+(\.\d+)?$/.test(text.replace(/[,\s]/g, '')) ? Number(text.replace(/[,\s]/g, '')) : text;
      return text;
    },
    showError(messages) {
      error.textContent = messages.join(' ');
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      element.classList.add('field--invalid');
      updateDescription();
    },
    hasError: () => !error.hidden,
    clearError() {
      error.hidden = true;
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      element.classList.remove('field--invalid');
      updateDescription();
    },
    reset() {
      write(initialValue);
    },
    updateChoices(newChoices) {
      if (input.tagName !== 'SELECT' || kind === 'select') return;
      const selected = input.value;
      fillOptions(input, optionsFor(spec, newChoices));
      input.value = selected;
    },
  };
}

function optionsFor(spec, choices) {
  if (spec.kind === 'select') return spec.options;
  const list = { meeting: choices.meetings, demand: choices.demands, development: choices.developments }[spec.kind] ?? [];
  return [['', spec.required ? 'Choose…' : '(none)'], ...list];
}

function fillOptions(select, options) {
  select.replaceChildren(...options.map(([value, label]) => h('option', { value }, label)));
}

/** JSON with sorted keys, to compare values whatever order their keys came in. */
function canonical(value) {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner);
}

function valueAt(object, path) {
  return path.split('.').reduce((value, key) => (value === undefined || value === null ? undefined : value[key]), object);
}

function setAt(object, path, value) {
  const keys = path.split('.');
  let target = object;
  for (const key of keys.slice(0, -1)) target = target[key] ??= {};
  target[keys[keys.length - 1]] = value;
}

/** Options of the reference selects, from the story's current state and timeline (a redacted value reads "(redacted)"). */
export function choicesFrom(document, timeline) {
  const meetings = Object.entries(document?.meetings ?? {}).map(([id, meeting]) => [
    id,
    plainText(`${formatNames(meeting.participants)} in ${meeting.location}, ${formatTime(meeting.scheduledFor)} (${meeting.status})`),
  ]);
  const demands = Object.entries(document?.demands ?? {}).map(([id, demand]) => [id, plainText(`${demand.by}: ${truncate(demand.text, 80)} (${demand.status})`)]);
  const developments = (timeline ?? []).map((item) => [item.developmentId, plainText(truncate(item.description, 90))]);
  return { meetings, demands, developments };
}
