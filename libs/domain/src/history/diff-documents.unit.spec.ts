import { toStoryDocument } from '../document/story-document';
import type { StoryEvent } from '../events/story-event';
import { initialStoryState } from '../state/story-state';
import { fold } from '../story.evolve';
import { corrected, demand, developmentRecorded, meeting, note, opened, recordedEvents, retracted, troops, type GivenEvent } from '../testing';
import { diffDocuments, toJsonPointer } from './diff-documents';

/** The documents at revision `from` and at the end of the events. */
function documentsAt(events: GivenEvent[], from: number) {
  const recorded = recordedEvents(events);
  const before = fold(recorded.slice(0, from), initialStoryState);
  return [toStoryDocument(before), toStoryDocument(fold(recorded.slice(from), before))] as const;
}

/** Changes other than the stamp every revision changes (revision, updatedAt, updatedBy). */
function changesAfter(events: GivenEvent[], from: number) {
  return diffDocuments(...documentsAt(events, from)).filter(({ path }) => !['/revision', '/updatedAt', '/updatedBy'].includes(path));
}

const held = (id: string, outcome: string): StoryEvent => developmentRecorded(id, { type: 'meeting-held', meetingId: 'm1', outcome });

describe('diffDocuments', () => {
  it('finds nothing between a document and itself', () => {
    const [document] = documentsAt([opened(), developmentRecorded('m1', meeting())], 2);

    expect(diffDocuments(document, document)).toEqual([]);
  });

  it('replaces revision, updatedAt and updatedBy like any other field, in document order', () => {
    const changes = diffDocuments(...documentsAt([opened(), { type: 'HeadlineRevised', data: { headline: 'New' } }], 1));

    expect(changes).toEqual([
      { op: 'replace', path: '/revision', before: 1, after: 2 },
      { op: 'replace', path: '/headline', before: 'Russia masses troops near Ukraine', after: 'New' },
      { op: 'replace', path: '/updatedAt', before: '2022-01-10T08:00:00.000Z', after: '2022-01-10T08:01:00.000Z' },
    ]);
  });

  it('adds a new entry as one change carrying the whole entry', () => {
    expect(changesAfter([opened(), developmentRecorded('m1', meeting())], 1)).toEqual([
      { op: 'add', path: '/meetings/m1', after: { participants: ['Blinken', 'Lavrov'], location: 'Geneva', scheduledFor: '2022-01-21', status: 'scheduled' } },
    ]);
  });

  it('names a changed field of an entry by the entry’s id, and adds a field that appears', () => {
    expect(changesAfter([opened(), developmentRecorded('m1', meeting()), held('h1', 'No breakthrough')], 2)).toEqual([
      { op: 'replace', path: '/meetings/m1/status', before: 'scheduled', after: 'held' },
      { op: 'add', path: '/meetings/m1/outcome', after: 'No breakthrough' },
    ]);
  });

  it('replaces an array of plain values as a whole', () => {
    const rejected = developmentRecorded('r1', { type: 'demand-rejected', demandId: 'q1', by: ['NATO'] });
    const changes = changesAfter([opened({ tags: ['russia'] }), developmentRecorded('q1', demand()), rejected, { type: 'TagsChanged', data: { tags: ['russia', 'nato'] } }], 2);

    expect(changes).toEqual([
      { op: 'replace', path: '/tags', before: ['russia'], after: ['russia', 'nato'] },
      { op: 'replace', path: '/demands/q1/status', before: 'open', after: 'rejected' },
      { op: 'replace', path: '/demands/q1/rejectedBy', before: [], after: ['NATO'] },
    ]);
  });

  it('replaces an array whose items change in place, and one that shrinks', () => {
    const changes = changesAfter(
      [opened({ tags: ['russia', 'ukraine'] }), developmentRecorded('m1', meeting()), corrected('m1', { participants: ['Sherman'] }), { type: 'TagsChanged', data: { tags: ['nato', 'ukraine'] } }],
      2,
    );

    expect(changes).toEqual([
      { op: 'replace', path: '/tags', before: ['russia', 'ukraine'], after: ['nato', 'ukraine'] },
      { op: 'replace', path: '/meetings/m1/participants', before: ['Blinken', 'Lavrov'], after: ['Sherman'] },
    ]);
  });

  it('removes a retracted entry as one change carrying what it was, and replaces `retracted`', () => {
    const changes = changesAfter([opened(), developmentRecorded('n1', note('Embassy families told to leave')), retracted('n1')], 2);

    expect(changes).toEqual([
      { op: 'remove', path: '/notes/n1', before: { developmentId: 'n1', text: 'Embassy families told to leave', recordedAt: '2022-01-10T08:01:00.000Z' } },
      { op: 'replace', path: '/retracted', before: [], after: ['n1'] },
    ]);
  });

  it('lists changes in document key order, whatever order they were made in', () => {
    const changes = changesAfter(
      [opened(), developmentRecorded('m1', meeting()), held('h1', 'Talks'), corrected('h1', { outcome: 'No breakthrough' }), corrected('m1', { topic: 'Security' })],
      3,
    );

    expect(changes.map(({ path }) => path)).toEqual(['/meetings/m1/topic', '/meetings/m1/outcome']);
  });

  it('puts removed entries after the entries the new document still has', () => {
    const changes = changesAfter(
      [opened(), developmentRecorded('n1', note('One')), developmentRecorded('n2', note('Two')), retracted('n1'), developmentRecorded('n3', note('Three'))],
      3,
    );

    expect(changes.map(({ op, path }) => `${op} ${path}`)).toEqual(['add /notes/n3', 'remove /notes/n1', 'replace /retracted']);
  });

  it('escapes "~" and "/" in keys (RFC 6901)', () => {
    const changes = changesAfter([opened(), developmentRecorded('t1', troops(5_000, { force: 'NATO/EU', location: '~Baltic coast' }))], 1);

    expect(changes).toEqual([{ op: 'add', path: '/troopEstimates/NATO~1EU|~0Baltic coast', after: expect.objectContaining({ count: 5_000 }) }]);
    expect(toJsonPointer(['a~/b', 0])).toBe('/a~0~1b/0');
  });
});
