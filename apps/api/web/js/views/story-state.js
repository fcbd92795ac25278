import { h, safeLink } from '../dom.js';
import { developmentTypes } from '../development-types.js';
import { formatCount, formatNumber, formatTime, formatValue } from '../format.js';
import { renderEstimateHistory } from './estimate-history.js';

/**
 * The story's state document as sections: troop estimates (with their history), meetings, demands,
 * statements, denials, deployments, notes, retracted developments; a section with nothing in it is
 * left out. `actions(developmentId, type)` adds the editor's buttons to an entry; `revisions` (the
 * revision list) and `timeline` (the developments) give the estimates' history.
 */
export function renderState(document, { revisions = [], timeline = [], actions = () => null, highlight = new Set() }) {
  const describe = new Map(timeline.map((item) => [item.developmentId, item.description]));
  const mark = (developmentId) => (highlight.has(developmentId) ? 'entry entry--new' : 'entry');
  const sections = [
    section('Troop estimates', 'troop-estimates', troopEstimates(document, { revisions, timeline }, actions, mark)),
    section('Meetings', 'meetings', entries(document.meetings, (id, meeting) => meetingEntry(id, meeting, actions, mark))),
    section('Demands', 'demands', entries(document.demands, (id, demand) => demandEntry(id, demand, actions, mark))),
    section('Statements', 'statements', entries(document.statements, (id, statement) =>
      h('li', { class: mark(id), dataset: { developmentId: id } },
        h('blockquote', { class: 'quote' }, h('p', {}, statement.text)),
        h('p', { class: 'entry__meta' }, '— ', h('strong', {}, statement.speaker), statement.outlet ? `, ${statement.outlet}` : ''),
        commonFacts(statement),
        actions(id, 'statement'),
      ))),
    section('Denials', 'denials', entries(document.denials, (id, denial) =>
      h('li', { class: mark(id), dataset: { developmentId: id } },
        h('p', {}, h('strong', {}, denial.by), ' denies: ', denial.text),
        denial.of ? h('p', { class: 'entry__meta' }, 'Of: ', describe.get(denial.of) ?? denial.of) : null,
        commonFacts(denial),
        actions(id, 'denial'),
      ))),
    section('Deployments', 'deployments', entries(document.deployments, (id, deployment) =>
      h('li', { class: mark(id), dataset: { developmentId: id } },
        h('p', {}, h('strong', {}, deployment.force), `: ${formatNumber(deployment.count)} to ${deployment.destination}`),
        commonFacts(deployment),
        actions(id, 'deployment'),
      ))),
    section('Notes', 'notes', entries(document.notes, (id, note) =>
      h('li', { class: mark(id), dataset: { developmentId: id } }, h('p', {}, note.text), commonFacts(note, { withNote: false }), actions(id, 'note')))),
    ...plainSections(document, actions, mark),
    document.retracted?.length
      ? section('Retracted', 'retracted', h('ul', { class: 'entries' }, document.retracted.map((id) => h('li', { class: 'entry entry--retracted' }, retractedDescription(id, revisions)))))
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

function troopEstimates(document, history, actions, mark) {
  const estimates = Object.values(document.troopEstimates ?? {});
  if (estimates.length === 0) return null;
  return h('div', { class: 'estimates' }, estimates.map((estimate) => {
    return h('article', { class: mark(estimate.developmentId), dataset: { developmentId: estimate.developmentId } },
      h('h4', { class: 'estimate__where' }, `${estimate.force}, ${estimate.location}`),
      h('p', { class: 'estimate__count' }, h('span', { class: 'figure' }, formatCount(estimate.count, estimate.qualifier)), ' troops'),
      estimate.capabilityShare !== undefined ? h('p', {}, `About ${estimate.capabilityShare} per cent of the capability needed`) : null,
      commonFacts(estimate),
      renderEstimateHistory(estimate, { ...history, atRevision: document.revision }),
      actions(estimate.developmentId, 'troop-estimate'),
    );
  }));
}

function meetingEntry(id, meeting, actions, mark) {
  return h('li', { class: mark(id), dataset: { developmentId: id } },
    h('p', {}, h('strong', {}, meeting.participants.join(', ')), ` in ${meeting.location}`),
    h('p', { class: 'entry__meta' },
      h('span', { class: `badge badge--${meeting.status}` }, meeting.status),
      ' ',
      meeting.status === 'scheduled' ? 'for ' : 'was set for ',
      h('time', { datetime: meeting.scheduledFor }, formatTime(meeting.scheduledFor)),
    ),
    meeting.topic ? h('p', {}, 'Topic: ', meeting.topic) : null,
    meeting.outcome ? h('p', {}, 'Outcome: ', meeting.outcome) : null,
    meeting.cancellationReason ? h('p', {}, 'Cancelled: ', meeting.cancellationReason) : null,
    actions(id, 'meeting-scheduled'),
  );
}

function demandEntry(id, demand, actions, mark) {
  return h('li', { class: mark(id), dataset: { developmentId: id } },
    h('p', {}, h('strong', {}, demand.by), ` to ${demand.addressedTo.join(', ')}: `, demand.text),
    h('p', { class: 'entry__meta' }, h('span', { class: `badge badge--${demand.status}` }, demand.status)),
    demand.rejectedBy?.length ? h('p', {}, 'Rejected by ', h('strong', {}, demand.rejectedBy.join(', '))) : null,
    demand.acceptedBy?.length ? h('p', {}, 'Accepted by ', h('strong', {}, demand.acceptedBy.join(', '))) : null,
    actions(id, 'demand-made'),
  );
}

/** When it happened, who said so, the note. */
function commonFacts(entry, { withNote = true } = {}) {
  const facts = [
    entry.occurredAt ? h('span', {}, 'as of ', h('time', { datetime: entry.occurredAt }, formatTime(entry.occurredAt))) : null,
    entry.source?.name ? h('span', {}, 'source: ', entry.source.url ? safeLink(entry.source.url, entry.source.name) : entry.source.name) : null,
    entry.recordedAt ? h('span', {}, 'recorded ', h('time', { datetime: entry.recordedAt }, formatTime(entry.recordedAt))) : null,
  ].filter(Boolean);
  return [
    facts.length > 0 ? h('p', { class: 'entry__meta' }, facts.flatMap((fact, index) => (index === 0 ? [fact] : [' · ', fact]))) : null,
    withNote && entry.note ? h('p', { class: 'entry__note' }, entry.note) : null,
  ];
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
function plainSections(document, actions, mark) {
  return developmentTypes()
    .filter(({ document: place }) => place.kind === 'entry' && !SHOWN_COLLECTIONS.has(place.collection))
    .map(({ type, label, document: place, fields }) => section(label, place.collection, entries(document[place.collection], (id, entry) =>
      h('li', { class: mark(id), dataset: { developmentId: id } },
        fields.filter((field) => entry[field.name] !== undefined).map((field) => h('p', {}, `${field.label}: `, formatValue(entry[field.name]))),
        commonFacts(entry),
        actions(id, type),
      ))));
}
