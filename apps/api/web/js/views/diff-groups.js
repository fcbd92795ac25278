// The changes of a diff grouped by the entry they touch, in a journalist's words: each group named
// from the entry itself (its force and location, its participants…, read from the state at either
// revision, never from the entry's key), each change as a field with its old and new value. The
// record's own bookkeeping (ids, record times, revision numbers) is kept apart, as details.
// A redacted value stays "[redacted]" in these words; the view turns it into a mark.
import { formatNames, formatNumber, formatQualifier, formatTime, formatValue, truncate } from '../format.js';

/** Fields that keep the record, not the story: shown only under "details". */
const INTERNAL_FIELDS = new Set(['id', 'developmentId', 'supersedes', 'recordedAt', 'revision', 'updatedAt', 'updatedBy', 'createdAt']);

/** Shown in the word diff, side by side, rather than as a change of a field. */
const TEXT_FIELDS = new Set(['headline', 'summary']);

const FIELD_LABELS = {
  count: 'count',
  qualifier: 'qualifier',
  capabilityShare: 'share of the capability needed',
  source: 'source',
  occurredAt: 'as of',
  note: 'note',
  force: 'force',
  location: 'location',
  participants: 'participants',
  scheduledFor: 'scheduled for',
  status: 'status',
  topic: 'topic',
  outcome: 'outcome',
  cancellationReason: 'reason for cancelling',
  by: 'by',
  addressedTo: 'addressed to',
  text: 'text',
  rejectedBy: 'rejected by',
  acceptedBy: 'accepted by',
  speaker: 'speaker',
  outlet: 'outlet',
  of: 'denies',
  destination: 'destination',
  headline: 'headline',
  summary: 'summary',
  tags: 'tags',
  id: 'story id',
  developmentId: 'record id',
  supersedes: 'replaces the record',
  recordedAt: 'recorded',
  revision: 'revision',
  updatedAt: 'last changed',
  updatedBy: 'last changed by',
  createdAt: 'opened',
};

/** The collections of the state document: what to call an entry of each. */
const COLLECTIONS = {
  troopEstimates: { kind: 'Troop estimate', name: (entry) => `${entry.force}, ${entry.location}` },
  meetings: { kind: 'Meeting', name: (entry) => `${formatNames(entry.participants ?? [])} in ${entry.location}` },
  demands: { kind: 'Demand', name: (entry) => `${entry.by}: ${truncate(entry.text)}` },
  statements: { kind: 'Statement', name: (entry) => `${entry.speaker}: “${truncate(entry.text)}”` },
  denials: { kind: 'Denial', name: (entry) => `${entry.by}: ${truncate(entry.text)}` },
  deployments: { kind: 'Deployment', name: (entry) => `${entry.force}: ${formatNumber(entry.count)} to ${entry.destination}` },
  notes: { kind: 'Note', name: (entry) => truncate(entry.text) },
};

/** RFC 6901 pointer → its keys. */
export function pointerKeys(path) {
  return String(path).split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Groups `diff.changes`: `[{ key, kind, name, developmentId?, status?, lines, details }]`, each line
 * `{ field, label, op, before?, after? }` with values already in words. `before` and `after` are the
 * state documents at the diff's two revisions; `revisions` (the revision list) names developments
 * that are referred to by id.
 */
export function groupChanges(diff, { before, after, revisions = [] }) {
  const groups = new Map();
  const named = namer(before, after, revisions);
  const group = (key, make) => {
    if (!groups.has(key)) groups.set(key, { key, lines: [], details: [], ...make() });
    return groups.get(key);
  };
  const storyGroup = () => group('story', () => ({ kind: 'The story', name: '' }));
  const add = (target, field, op, old, now) => {
    const line = { field, label: FIELD_LABELS[field] ?? field, op };
    if (old !== undefined) line.before = valueInWords(field, old, named);
    if (now !== undefined) line.after = valueInWords(field, now, named);
    if (line.before !== undefined && line.before === line.after) return;
    const list = INTERNAL_FIELDS.has(field) ? target.details : target.lines;
    if (!list.some((existing) => existing.field === field)) list.push(line);
  };
  const has = (change, side) => Object.prototype.hasOwnProperty.call(change, side);

  for (const change of diff.changes ?? []) {
    const [top, id, field, ...deeper] = pointerKeys(change.path);
    const collection = COLLECTIONS[top];
    if (top === 'retracted') {
      const target = group('retracted', () => ({ kind: 'Retracted', name: 'Taken out of the story (the history keeps them)' }));
      const was = new Set(Array.isArray(change.before) ? change.before : []);
      for (const developmentId of Array.isArray(change.after) ? change.after : []) {
        if (!was.has(developmentId)) target.lines.push({ field: 'retracted', label: 'retracted', op: 'add', after: named(developmentId) });
      }
    } else if (collection && id !== undefined) {
      const entryBefore = before?.[top]?.[id] ?? (field === undefined && has(change, 'before') ? change.before : undefined);
      const entryAfter = after?.[top]?.[id] ?? (field === undefined && has(change, 'after') ? change.after : undefined);
      const entry = entryAfter ?? entryBefore ?? {};
      // A troop estimate's key is its force and location; the entry says which development it is.
      const developmentId = top === 'troopEstimates' ? entry.developmentId : id;
      const target = group(`${top}/${id}`, () => ({ kind: collection.kind, name: collection.name(entry), collection: top, developmentId }));
      if (field === undefined) {
        // A whole entry came or went: every field it has.
        target.status = change.op === 'add' ? 'new' : change.op === 'remove' ? 'removed' : target.status;
        const fields = new Set([...Object.keys(entryBefore && change.op !== 'add' ? entryBefore : {}), ...Object.keys(entryAfter && change.op !== 'remove' ? entryAfter : {})]);
        for (const name of fields) {
          const op = { add: 'new', remove: 'gone' }[change.op] ?? 'replace';
          add(target, name, op, change.op === 'add' ? undefined : entryBefore?.[name], change.op === 'remove' ? undefined : entryAfter?.[name]);
        }
      } else {
        // A change deep inside a field (the source's name) is shown as the whole field.
        const old = deeper.length > 0 ? entryBefore?.[field] : has(change, 'before') ? change.before : undefined;
        const now = deeper.length > 0 ? entryAfter?.[field] : has(change, 'after') ? change.after : undefined;
        add(target, field, old === undefined ? 'add' : now === undefined ? 'remove' : 'replace', old, now);
      }
    } else if (!(TEXT_FIELDS.has(top) && diff.text?.[top])) {
      const old = id === undefined ? change.before : before?.[top];
      const now = id === undefined ? change.after : after?.[top];
      add(storyGroup(), top, change.op, old, now);
    }
  }
  // The story's own changes (status, tags) first; if it has only bookkeeping, that goes last.
  const rank = (item) => (item.key !== 'story' ? 0 : item.lines.length > 0 ? -1 : 1);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b));
}

/** Development id → what it is, in words: the entry in either state, else the revision that recorded it. */
function namer(before, after, revisions) {
  return (developmentId) => {
    for (const document of [after, before]) {
      for (const [collection, { kind, name }] of Object.entries(COLLECTIONS)) {
        const entries = document?.[collection] ?? {};
        const entry = entries[developmentId] ?? Object.values(entries).find((candidate) => candidate?.developmentId === developmentId);
        if (entry) return `${kind}: ${name(entry)}`;
      }
    }
    const recorded = revisions.find((item) => item.developmentId === developmentId);
    return recorded ? recorded.description : 'another development';
  };
}

/** One field's value as a journalist reads it. */
function valueInWords(field, value, named) {
  if (value === undefined || value === null) return 'none';
  switch (field) {
    case 'count':
      return formatNumber(value);
    case 'qualifier':
      return formatQualifier(value);
    case 'capabilityShare':
      return `${formatNumber(value)} per cent`;
    case 'occurredAt':
    case 'scheduledFor':
    case 'recordedAt':
    case 'updatedAt':
    case 'createdAt':
      return formatTime(value);
    case 'source':
      return typeof value === 'object' ? [value.name, value.url].filter(Boolean).join(', ') : String(value);
    case 'of':
    case 'supersedes':
      return named(value);
    default:
      return Array.isArray(value) && value.length === 0 ? 'none' : formatValue(value);
  }
}
