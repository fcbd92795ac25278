// The development types as the server defines them (GET /development-types): their labels, where
// they show in the state document, and their fields, read once after sign-in. The forms are built
// from these; the page keeps no list of its own.
import { TIME_HINT } from './fields.js';

let types = [];
let loading;

/** Reads the types once (again after a failure); resolves when they are known. */
export function loadDevelopmentTypes(api) {
  loading ??= api.get('/development-types').then(
    (answer) => {
      types = answer.items;
    },
    (problem) => {
      loading = undefined;
      throw problem;
    },
  );
  return loading;
}

/** Every type, in the server's order: `{ type, label, eventType, document: { kind, collection, via? }, fields }`. */
export function developmentTypes() {
  return types;
}

export function developmentType(type) {
  return types.find((candidate) => candidate.type === type);
}

/** "Troop estimate" for "troop-estimate"; the type itself when it is not known. */
export function developmentLabel(type) {
  return developmentType(type)?.label ?? type;
}

/** The form fields of a type (see fields.js for what a field spec holds). */
export function developmentFields(type) {
  return (developmentType(type)?.fields ?? []).map(formField);
}

/** A field as the server gives it → a field of the page's forms. */
function formField(field) {
  const spec = { name: field.name, label: field.label, ...(field.required && { required: true }) };
  switch (field.kind) {
    case 'text':
      return field.short ? spec : { ...spec, kind: 'textarea' };
    case 'names':
      return { ...spec, kind: 'list', hint: field.minItems >= 2 ? 'One per line, at least two' : 'One per line' };
    case 'count':
      return { ...spec, kind: 'integer' };
    case 'number':
      return { ...spec, kind: 'number', hint: `${field.minimum} to ${field.maximum}` };
    case 'time':
      return { ...spec, kind: 'time', hint: TIME_HINT };
    case 'choice':
      return { ...spec, kind: 'select', options: [['', '(none)'], ...field.options.map(({ value, label }) => [value, label])] };
    case 'reference':
      return { ...spec, kind: field.to, ...(!field.correctable && { reference: true }) };
    default:
      return spec;
  }
}
