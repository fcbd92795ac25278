import { h, safeLink } from '../dom.js';
import { developmentTypes } from '../development-types.js';
import { formatCount, formatNames, formatNumber, formatTime, formatValue } from '../format.js';
import { actingOn, isRedacted, storyRedactions } from '../redaction.js';
import { renderEstimateHistory } from './estimate-history.js';

/**
 * The story's state document as sections: troop estimates (with their history), meetings, demands,
 * statements, denials, deployments, notes, retracted developments; a section with nothing in it is
 * left out. `actions(developmentId, type)` adds the editor's buttons to an entry; `revisions` (the
 * revision list) and `timeline` (the developments) give the estimates' history. A redacted value
 * shows as a mark, and each entry with redactions says under it who redacted what, when and why:
 * `redactions` (storyRedactions of the latest document) knows the reasons.
 */
export function renderState(document, { revisions = [], timeline = [], actions = () => null, highlight = new Set(), redactions = storyRedactions(document) }) {
  const describe = new Map(timeline.map((item) => [item.developmentId, item.description]));
  const related = actingOn(timeline, developmentTypes());
  const entryClass = (developmentId) => (highlight.has(developmentId) ? 'entry entry--new' : 'entry');
  /** An entry's helpers: its text with marks for its redacted values, its facts, its redaction notes. */
  const of = (developmentId) => {
    const ids = related(developmentId);
    return {
      text: (value, path) => redactions.text(value, ids, path),
      time: (iso, path) => redactions.time(iso, formatTime, ids, path),
      facts: (entry, options) => commonFacts(entry, { ...options, redactions, ids }),
      notes: () => redactions.notes(ids),
    };
  };
  const item = (id, type, ...content) => {
    const entry = of(id);
    return h('li', { class: entryClass(id), dataset: { developmentId: id } }, content.map((make) => make(entry)), entry.notes(), actions(id, type));
  };
  const sections = [
    section('Troop estimates', 'troop-estimates', troopEstimates(document, { revisions, timeline, redactions }, actions, entryClass, of)),
    section('Meetings', 'meetings', entries(document.meetings, (id, meeting) => item(id, 'meeting-scheduled', (entry) => meetingEntry(meeting, entry)))),
    section('Demands', 'demands', entries(document.demands, (id, demand) => item(id, 'demand-made', (entry) => demandEntry(demand, entry)))),
    section('Statements', 'statements', entries(document.statements, (id, statement) => item(id, 'statement', (entry) => [
      h('blockquote', { class: 'quote' }, h('p', {}, entry.text(statement.text, '/text'))),
      h('p', { class: 'entry__meta' }, '— ', h('strong', {}, entry.text(statement.speaker, '/speaker')), statement.outlet ? [', ', entry.text(statement.outlet, '/outlet')] : ''),
      entry.facts(statement),
    ]))),
    section('Denials', 'denials', entries(document.denials, (id, denial) => item(id, 'denial', (entry) => [
      h('p', {}, h('strong', {}, entry.text(denial.by, '/by')), ' denies: ', entry.text(denial.text, '/text')),
      denial.of ? h('p', { class: 'entry__meta' }, 'Of: ', redactions.text(describe.get(denial.of) ?? denial.of, denial.of)) : null,
      entry.facts(denial),
    ]))),
    section('Deployments', 'deployments', entries(document.deployments, (id, deployment) => item(id, 'deployment', (entry) => [
      h('p', {}, h('strong', {}, entry.text(deployment.force, '/force')), ': ', entry.text(formatNumber(deployment.count), '/count'), ' to ', entry.text(deployment.destination, '/destination')),
      entry.facts(deployment),
    ]))),
    section('Notes', 'notes', entries(document.notes, (id, note) => item(id, 'note', (entry) => [
      h('p', {}, entry.text(note.text, '/text')),
      entry.facts(note, { withNote: false }),
    ]))),
    ...plainSections(document, item),
    document.retracted?.length
      ? section('Retracted', 'retracted', h('ul', { class: 'entries' }, document.retracted.map((id) =>
          h('li', { class: 'entry entry--retracted', dataset: { developmentId: id } }, redactions.text(retractedDescription(id, revisions), id), redactions.notes(id)))))
      : null,
  ].filter(Boolean);
  if (sections.length === 0) return h('p', { class: 'empty state-empty' }, 'Nothing recorded yet: no troop estimates, meetings, demands, statements, denials, deployments or notes.');
  return sections;
}

/** A section, or null when it has nothing to show. */
function section(title, id, content) {
  if (!content) return null;
  const headingId = `state-${id}`;
  return h('section', { class: 'state-section', 'aria-labelledby': headingId }, h('h3', { id: headingId }, title), content);
}

function entries(collection, render) {
  const list = Object.entries(collection ?? {});
  if (list.length === 0) return null;
  return h('ul', { class: 'entries' }, list.map(([id, entry]) => render(id, entry)));
}

function troopEstimates(document, history, actions, entryClass, of) {
  const estimates = Object.values(document.troopEstimates ?? {});
  if (estimates.length === 0) return null;
  return h('div', { class: 'estimates' }, estimates.map((estimate) => {
    const entry = of(estimate.developmentId);
    return h('article', { class: entryClass(estimate.developmentId), dataset: { developmentId: estimate.developmentId } },
      h('h4', { class: 'estimate__where' }, entry.text(estimate.force, '/force'), ', ', entry.text(estimate.location, '/location')),
      h('p', { class: 'estimate__count' }, h('span', { class: 'figure' }, entry.text(formatCount(estimate.count, estimate.qualifier), isRedacted(estimate.count) ? '/count' : '/qualifier')), ' troops'),
      estimate.capabilityShare !== undefined ? h('p', {}, 'About ', entry.text(estimate.capabilityShare, '/capabilityShare'), ' per cent of the capability needed') : null,
      entry.facts(estimate),
      entry.notes(),
      renderEstimateHistory(estimate, { ...history, atRevision: document.revision }),
      actions(estimate.developmentId, 'troop-estimate'),
    );
  }));
}

function meetingEntry(meeting, entry) {
  return [
    h('p', {}, h('strong', {}, entry.text(formatNames(meeting.participants), '/participants')), ' in ', entry.text(meeting.location, '/location')),
    h('p', { class: 'entry__meta' },
      h('span', { class: `badge badge--${meeting.status}` }, meeting.status),
      ' ',
      meeting.status === 'scheduled' ? 'for ' : 'was set for ',
      entry.time(meeting.scheduledFor, '/scheduledFor'),
    ),
    meeting.topic ? h('p', {}, 'Topic: ', entry.text(meeting.topic, '/topic')) : null,
    meeting.outcome ? h('p', {}, 'Outcome: ', entry.text(meeting.outcome, '/outcome')) : null,
    meeting.cancellationReason ? h('p', {}, 'Cancelled: ', entry.text(meeting.cancellationReason, '/reason')) : null,
  ];
}

function demandEntry(demand, entry) {
  return [
    h('p', {}, h('strong', {}, entry.text(demand.by, '/by')), ' to ', entry.text(formatNames(demand.addressedTo), '/addressedTo'), ': ', entry.text(demand.text, '/text')),
    h('p', { class: 'entry__meta' }, h('span', { class: `badge badge--${demand.status}` }, demand.status)),
    demand.rejectedBy?.length ? h('p', {}, 'Rejected by ', h('strong', {}, entry.text(formatNames(demand.rejectedBy), '/by'))) : null,
    demand.acceptedBy?.length ? h('p', {}, 'Accepted by ', h('strong', {}, entry.text(formatNames(demand.acceptedBy), '/by'))) : null,
  ];
}

/** When it happened, who said so (the name, its address, or the whole source, may be redacted), the note. */
function commonFacts(entry, { withNote = true, redactions, ids }) {
  const text = (value, path) => redactions.text(value, ids, path);
  const facts = [
    entry.occurredAt ? h('span', {}, 'as of ', redactions.time(entry.occurredAt, formatTime, ids, '/occurredAt')) : null,
    sourceFact(entry.source, { redactions, ids }),
    entry.recordedAt ? h('span', {}, 'recorded ', h('time', { datetime: entry.recordedAt }, formatTime(entry.recordedAt))) : null,
  ].filter(Boolean);
  return [
    facts.length > 0 ? h('p', { class: 'entry__meta' }, facts.flatMap((fact, index) => (index === 0 ? [fact] : [' · ', fact]))) : null,
    withNote && entry.note ? h('p', { class: 'entry__note' }, text(entry.note, '/note')) : null,
  ];
}

function sourceFact(source, { redactions, ids }) {
  if (isRedacted(source)) return h('span', {}, 'source: ', redactions.mark(ids, '/source'));
  if (!source?.name) return null;
  const { name, url } = source;
  if (isRedacted(name)) {
    return h('span', {}, 'source: ', redactions.mark(ids, '/source/name'), url && !isRedacted(url) ? [' (', safeLink(url, 'link'), ')'] : null);
  }
  if (isRedacted(url)) return h('span', {}, 'source: ', name, ' (address ', redactions.mark(ids, '/source/url'), ')');
  return h('span', {}, 'source: ', url ? safeLink(url, name) : name);
}

/** What a retracted development was, in the words of the last revision about it (its retraction). */
function retractedDescription(developmentId, revisions) {
  return revisions.filter((item) => item.developmentId === developmentId).at(-1)?.description ?? 'A retracted development';
}

/** Fields every development may carry, beside its type's own. */
const COMMON_FIELD_NAMES = ['occurredAt', 'source', 'note'];

/**
 * The current fields of a development, where the state shows them: corrections start from these.
 * Which collection holds it and which of the entry's fields are the development's, its type says.
 */
export function currentFieldsOf(document, developmentId) {
  for (const { document: place, fields } of developmentTypes()) {
    if (place.kind === 'acts-on') continue;
    const collection = document?.[place.collection] ?? {};
    const entry = place.kind === 'current-estimate'
      ? Object.values(collection).find((candidate) => candidate.developmentId === developmentId)
      : collection[developmentId];
    if (!entry) continue;
    const names = [...fields.map((field) => field.name), ...COMMON_FIELD_NAMES];
    return Object.fromEntries(Object.entries(entry).filter(([name]) => names.includes(name)));
  }
  return undefined;
}

/** The collections this page shows in its own way; a type's collection that is not among them is shown plainly. */
const SHOWN_COLLECTIONS = new Set(['troopEstimates', 'meetings', 'demands', 'statements', 'denials', 'deployments', 'notes']);

/** Sections for the entries of development types this page has no view of its own for: each field by its label. */
function plainSections(document, item) {
  return developmentTypes()
    .filter(({ document: place }) => place.kind === 'entry' && !SHOWN_COLLECTIONS.has(place.collection))
    .map(({ type, label, document: place, fields }) => section(label, place.collection, entries(document[place.collection], (id, entry) =>
      item(id, type, (own) => [
        fields.filter((field) => entry[field.name] !== undefined).map((field) => h('p', {}, `${field.label}: `, own.text(formatValue(entry[field.name]), `/${field.name}`))),
        own.facts(entry),
      ]))));
}
