// Redacted values. Where a value was taken out of the record the API answers "[redacted]", at every
// revision; the page shows a mark instead (its text: "redacted") and, from the `redactions` of the
// story's latest state document, who redacted it, when and why. Never the raw bracket text.
import { h } from './dom.js';
import { formatDate, REDACTED } from './format.js';

export { REDACTED };

const PLAIN = '(redacted)';
const UNKNOWN_REASON = 'Redacted: this value was taken out of the record';

export const isRedacted = (value) => value === REDACTED;

/** For text that cannot hold a mark (an attribute, an option of a select): "[redacted]" → "(redacted)". */
export function plainText(text) {
  return String(text ?? '').split(REDACTED).join(PLAIN);
}

/** "Redacted on 3 Mar 2022 by rosa: Court order of 3 March" */
export function describeRedaction({ at, by, reason }) {
  return `Redacted on ${formatDate(at)} by ${by}: ${reason}`;
}

/** The mark shown where a value was; `title` says why (a tooltip; the entry's note says it to everyone). */
export function redactionMark(title = UNKNOWN_REASON) {
  return h('span', { class: 'redacted', title }, 'redacted');
}

/** Whether `path` (a JSON Pointer into a development's fields) and a redacted path touch: the same, or one inside the other. */
function touches(path, redactedPath) {
  return path === redactedPath || path.startsWith(`${redactedPath}/`) || redactedPath.startsWith(`${path}/`);
}

/**
 * The story's redactions, from a state document (the latest: an earlier revision shows the values as
 * redacted too, but not yet why). `ids` is a development id or a list of them: an entry's own first,
 * then those that act on it (a meeting's outcome is the field of the meeting-held development).
 */
export function storyRedactions(document) {
  const all = document?.redactions ?? {};
  const list = (ids) => [ids].flat().filter(Boolean).flatMap((id) => all[id] ?? []);
  const api = {
    /** The redactions of these developments, oldest first. */
    of: list,
    /** Why the value at `path` is redacted: the redactions of these developments that cover it, else all of theirs. */
    reason(ids, path) {
      const redactions = list(ids);
      const covering = path ? redactions.filter((redaction) => redaction.paths.some((redacted) => touches(path, redacted))) : [];
      const chosen = covering.length > 0 ? covering : redactions;
      return chosen.length > 0 ? chosen.map(describeRedaction).join('\n') : UNKNOWN_REASON;
    },
    mark: (ids, path) => redactionMark(api.reason(ids, path)),
    /** Text as nodes: each "[redacted]" in it a mark; text without one stays a string. */
    text(text, ids, path) {
      const value = String(text ?? '');
      if (!value.includes(REDACTED)) return value;
      const title = api.reason(ids, path);
      return value.split(REDACTED).flatMap((part, index) => (index === 0 ? [part] : [redactionMark(title), part])).filter((part) => part !== '');
    },
    /** A time: a <time> element, or the mark when it was redacted. */
    time(iso, format, ids, path) {
      return isRedacted(iso) ? api.mark(ids, path) : h('time', { datetime: iso }, format(iso));
    },
    /** One line per redaction of these developments, to sit under their entry; null when there is none. */
    notes(ids) {
      const redactions = list(ids);
      if (redactions.length === 0) return null;
      return h('ul', { class: 'redaction-notes' }, redactions.map((redaction) =>
        h('li', { class: 'redaction-note' }, h('span', { class: 'redaction-note__icon', 'aria-hidden': 'true' }, '▮'), ' ', describeRedaction(redaction))));
    },
  };
  return api;
}

/** Nothing known of the story's redactions: marks without a reason (a conflict dialog, a live line). */
export const UNKNOWN_REDACTIONS = storyRedactions(undefined);

/**
 * Development id → the ids of the developments that act on it (held, cancelled, rescheduled, a
 * demand rejected or accepted), from the timeline: their fields show in the entry they act on.
 */
export function actingOn(timeline, types) {
  const via = new Map(types.filter((type) => type.document?.kind === 'acts-on').map((type) => [type.type, type.document.via]));
  const acting = new Map();
  for (const item of timeline ?? []) {
    const target = item.development?.[via.get(item.type)];
    if (typeof target !== 'string') continue;
    acting.set(target, [...(acting.get(target) ?? []), item.developmentId]);
  }
  return (developmentId) => [developmentId, ...(acting.get(developmentId) ?? [])];
}

/** A development's fields without their redacted values (a source whose name was redacted keeps its address): what a correction starts from. */
export function withoutRedactedValues(fields) {
  if (!fields) return fields;
  const kept = (value) => {
    if (isRedacted(value)) return undefined;
    if (Array.isArray(value)) return value.some(isRedacted) ? undefined : value;
    if (value && typeof value === 'object') {
      const inner = Object.fromEntries(Object.entries(value).map(([key, innerValue]) => [key, kept(innerValue)]).filter(([, innerValue]) => innerValue !== undefined));
      return Object.keys(inner).length > 0 ? inner : undefined;
    }
    return value;
  };
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, kept(value)]).filter(([, value]) => value !== undefined));
}
