import {
  archived,
  at,
  by,
  corrected,
  demand,
  developmentRecorded,
  documentAfter,
  meeting,
  note,
  opened,
  published,
  retracted,
  STORY_ID,
  troops,
} from '../testing';

const BORDER = 'Russia|Ukrainian border';

describe('toStoryDocument: events in, document out', () => {
  describe('the story itself', () => {
    it('shows id, headline, summary, tags, status, revision, createdAt, updatedAt and updatedBy', () => {
      const document = documentAfter(
        at(opened({ headline: 'Russia masses troops', summary: 'Talks begin', tags: ['russia'] }), '2022-01-10T08:00:00.000Z'),
        at(by({ type: 'HeadlineRevised', data: { headline: 'Russia masses 100,000 troops' } }, 'alice'), '2022-01-11T09:30:00.000Z'),
        at(by({ type: 'TagsChanged', data: { tags: ['russia', 'nato'] } }, 'bob'), '2022-01-12T10:00:00.000Z'),
        at(by(published(), 'carol'), '2022-01-12T11:00:00.000Z'),
      );

      expect(document).toEqual({
        id: STORY_ID,
        revision: 4,
        status: 'published',
        headline: 'Russia masses 100,000 troops',
        summary: 'Talks begin',
        tags: ['russia', 'nato'],
        createdAt: '2022-01-10T08:00:00.000Z',
        updatedAt: '2022-01-12T11:00:00.000Z',
        updatedBy: 'carol',
        troopEstimates: {},
        meetings: {},
        demands: {},
        statements: {},
        denials: {},
        deployments: {},
        notes: {},
        retracted: [],
      });
    });

    it('shows a revised summary and an archived status', () => {
      expect(documentAfter(opened(), { type: 'SummaryRevised', data: { summary: 'New' } }, archived())).toMatchObject({ summary: 'New', status: 'archived', revision: 3 });
    });

    it('counts every event in the revision, developments too', () => {
      expect(documentAfter(opened(), developmentRecorded('n1', note('One')), developmentRecorded('n2', note('Two')), retracted('n1')).revision).toBe(4);
    });
  });

  describe('troop estimates', () => {
    it('lets a later estimate for the same force and location supersede the earlier one', () => {
      const document = documentAfter(opened(), developmentRecorded('t1', troops(92_000)), developmentRecorded('t2', troops(100_000)));

      expect(document.troopEstimates).toEqual({
        [BORDER]: { developmentId: 't2', force: 'Russia', location: 'Ukrainian border', count: 100_000, recordedAt: '2022-01-10T08:02:00.000Z', supersedes: 't1' },
      });
    });

    it('shows qualifier, capabilityShare, source and occurredAt', () => {
      const source = { name: 'US officials' };
      const { troopEstimates } = documentAfter(
        opened(),
        developmentRecorded('t1', troops(100_000, { qualifier: 'more-than', capabilityShare: 70, source, occurredAt: '2022-01-09' })),
      );

      expect(troopEstimates[BORDER]).toMatchObject({ count: 100_000, qualifier: 'more-than', capabilityShare: 70, source, occurredAt: '2022-01-09' });
      expect(troopEstimates[BORDER]).not.toHaveProperty('supersedes');
    });

    it('does not let an estimate recorded late about an earlier moment overwrite a newer figure', () => {
      const { troopEstimates } = documentAfter(
        opened(),
        developmentRecorded('t1', troops(100_000, { occurredAt: '2022-01-10T00:00:00.000Z' })),
        developmentRecorded('t2', troops(92_000, { occurredAt: '2021-12-01T00:00:00.000Z' })),
      );

      expect(troopEstimates[BORDER]).toMatchObject({ developmentId: 't1', count: 100_000 });
    });

    it('compares an estimate without occurredAt by its record time', () => {
      const { troopEstimates } = documentAfter(
        opened(),
        at(developmentRecorded('t1', troops(100_000)), '2022-01-10T12:00:00.000Z'),
        at(developmentRecorded('t2', troops(92_000, { occurredAt: '2022-01-09T12:00:00.000Z' })), '2022-01-11T12:00:00.000Z'),
        at(developmentRecorded('t3', troops(60_000, { occurredAt: '2022-01-10T11:00:00.000Z' })), '2022-01-12T12:00:00.000Z'),
      );

      expect(troopEstimates[BORDER]).toMatchObject({ developmentId: 't1', count: 100_000 });
    });

    it('gives a tie in occurredAt to the later record', () => {
      const { troopEstimates } = documentAfter(
        opened(),
        developmentRecorded('t1', troops(92_000, { occurredAt: '2022-01-09T12:00:00.000Z' })),
        developmentRecorded('t2', troops(100_000, { occurredAt: '2022-01-09T12:00:00.000Z' })),
      );

      expect(troopEstimates[BORDER]).toMatchObject({ developmentId: 't2', count: 100_000, supersedes: 't1' });
    });

    it('keeps different locations, and different forces, as separate entries', () => {
      const { troopEstimates } = documentAfter(
        opened(),
        developmentRecorded('t1', troops(100_000)),
        developmentRecorded('t2', troops(30_000, { location: 'Belarus' })),
        developmentRecorded('t3', troops(8_500, { force: 'US' })),
      );

      expect(troopEstimates).toEqual({
        [BORDER]: expect.objectContaining({ developmentId: 't1', count: 100_000 }),
        'Russia|Belarus': expect.objectContaining({ developmentId: 't2', count: 30_000 }),
        'US|Ukrainian border': expect.objectContaining({ developmentId: 't3', count: 8_500 }),
      });
      expect(Object.values(troopEstimates).some((estimate) => 'supersedes' in estimate)).toBe(false);
    });

    it('brings the previous estimate back when the current one is retracted', () => {
      const { troopEstimates, retracted: gone } = documentAfter(
        opened(),
        developmentRecorded('t1', troops(92_000)),
        developmentRecorded('t2', troops(100_000)),
        retracted('t2'),
      );

      expect(troopEstimates[BORDER]).toMatchObject({ developmentId: 't1', count: 92_000 });
      expect(troopEstimates[BORDER]).not.toHaveProperty('supersedes');
      expect(gone).toEqual(['t2']);
    });

    it('drops the entry when its only estimate is retracted', () => {
      expect(documentAfter(opened(), developmentRecorded('t1', troops(92_000)), retracted('t1')).troopEstimates).toEqual({});
    });

    it('shows a corrected figure', () => {
      const { troopEstimates } = documentAfter(opened(), developmentRecorded('t1', troops(92_000)), corrected('t1', { count: 94_000, qualifier: 'nearly' }));

      expect(troopEstimates[BORDER]).toMatchObject({ developmentId: 't1', count: 94_000, qualifier: 'nearly' });
    });

    it('re-ranks estimates when a correction moves occurredAt', () => {
      const { troopEstimates } = documentAfter(
        opened(),
        developmentRecorded('t1', troops(92_000, { occurredAt: '2022-01-09' })),
        developmentRecorded('t2', troops(100_000, { occurredAt: '2022-01-10' })),
        corrected('t1', { occurredAt: '2022-01-11' }),
      );

      expect(troopEstimates[BORDER]).toMatchObject({ developmentId: 't1', count: 92_000, supersedes: 't2' });
    });
  });

  describe('meetings', () => {
    const scheduled = [opened(), developmentRecorded('m1', meeting({ topic: 'Security guarantees' }))];

    it('keys a meeting by its id, scheduled, with participants, location, time and topic', () => {
      expect(documentAfter(...scheduled).meetings).toEqual({
        m1: { participants: ['Blinken', 'Lavrov'], location: 'Geneva', scheduledFor: '2022-01-21', status: 'scheduled', topic: 'Security guarantees' },
      });
    });

    it('shows a rescheduled time and location', () => {
      const { meetings } = documentAfter(...scheduled, developmentRecorded('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22T10:00:00Z', location: 'Vienna' }));

      expect(meetings.m1).toMatchObject({ scheduledFor: '2022-01-22T10:00:00Z', location: 'Vienna', status: 'scheduled' });
    });

    it('keeps the location when a rescheduling names none', () => {
      const { meetings } = documentAfter(...scheduled, developmentRecorded('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-22' }));

      expect(meetings.m1).toMatchObject({ scheduledFor: '2022-01-22', location: 'Geneva' });
    });

    it('shows a held meeting with its outcome', () => {
      const { meetings } = documentAfter(...scheduled, developmentRecorded('h1', { type: 'meeting-held', meetingId: 'm1', outcome: 'No breakthrough' }));

      expect(meetings.m1).toMatchObject({ status: 'held', outcome: 'No breakthrough' });
    });

    it('shows a cancelled meeting', () => {
      const { meetings } = documentAfter(...scheduled, developmentRecorded('c1', { type: 'meeting-cancelled', meetingId: 'm1', reason: 'Russia withdrew' }));

      expect(meetings.m1).toMatchObject({ status: 'cancelled' });
    });

    it('goes back to scheduled when the meeting-held is retracted', () => {
      const { meetings } = documentAfter(...scheduled, developmentRecorded('h1', { type: 'meeting-held', meetingId: 'm1', outcome: 'Talks' }), retracted('h1'));

      expect(meetings.m1).toMatchObject({ status: 'scheduled' });
      expect(meetings.m1).not.toHaveProperty('outcome');
    });

    it('shows a corrected outcome and a corrected participant list', () => {
      const { meetings } = documentAfter(
        ...scheduled,
        developmentRecorded('h1', { type: 'meeting-held', meetingId: 'm1', outcome: 'Talks' }),
        corrected('h1', { outcome: 'Talks, no breakthrough' }),
        corrected('m1', { participants: ['Sherman', 'Ryabkov'] }),
      );

      expect(meetings.m1).toMatchObject({ status: 'held', outcome: 'Talks, no breakthrough', participants: ['Sherman', 'Ryabkov'] });
    });

    it('drops a retracted meeting', () => {
      expect(documentAfter(...scheduled, retracted('m1')).meetings).toEqual({});
    });
  });

  describe('demands', () => {
    const made = [opened(), developmentRecorded('q1', demand({ addressedTo: ['NATO', 'US', 'EU'] }))];
    const rejected = (id: string, ...parties: string[]) => developmentRecorded(id, { type: 'demand-rejected', demandId: 'q1', by: parties });
    const accepted = (id: string, ...parties: string[]) => developmentRecorded(id, { type: 'demand-accepted', demandId: 'q1', by: parties });

    it('keys a demand by its id, open, with nobody answering yet', () => {
      expect(documentAfter(...made).demands).toEqual({
        q1: { by: 'Russia', addressedTo: ['NATO', 'US', 'EU'], text: 'No further eastward expansion of NATO', status: 'open', rejectedBy: [], acceptedBy: [] },
      });
    });

    it('is rejected, with every rejecting party once', () => {
      expect(documentAfter(...made, rejected('r1', 'NATO'), rejected('r2', 'US', 'NATO')).demands.q1).toMatchObject({ status: 'rejected', rejectedBy: ['NATO', 'US'], acceptedBy: [] });
    });

    it('is accepted', () => {
      expect(documentAfter(...made, accepted('a1', 'EU')).demands.q1).toMatchObject({ status: 'accepted', rejectedBy: [], acceptedBy: ['EU'] });
    });

    it('is mixed when accepted by some and rejected by others', () => {
      expect(documentAfter(...made, rejected('r1', 'NATO'), accepted('a1', 'EU')).demands.q1).toMatchObject({ status: 'mixed', rejectedBy: ['NATO'], acceptedBy: ['EU'] });
    });

    it('forgets a retracted answer', () => {
      expect(documentAfter(...made, rejected('r1', 'NATO'), accepted('a1', 'EU'), retracted('r1')).demands.q1).toMatchObject({ status: 'accepted', rejectedBy: [] });
    });

    it('shows a corrected text', () => {
      expect(documentAfter(...made, corrected('q1', { text: 'Withdraw from eastern Europe' })).demands.q1).toMatchObject({ text: 'Withdraw from eastern Europe' });
    });
  });

  describe('statements, denials, deployments and notes', () => {
    const story = [
      opened(),
      developmentRecorded('s1', { type: 'statement', speaker: 'Jen Psaki', text: 'Invasion could come at any time', outlet: 'Briefing' }),
      developmentRecorded('x1', { type: 'denial', by: 'Kremlin', text: 'No plans to invade', of: 's1' }),
      developmentRecorded('p1', { type: 'deployment', force: 'US', count: 3_000, destination: 'Poland', occurredAt: '2022-02-02' }),
      developmentRecorded('n1', note('Embassy families told to leave')),
    ];

    it('keys each by its developmentId, with its fields and record time', () => {
      const document = documentAfter(...story);

      expect(document.statements).toEqual({
        s1: { developmentId: 's1', speaker: 'Jen Psaki', text: 'Invasion could come at any time', outlet: 'Briefing', recordedAt: '2022-01-10T08:01:00.000Z' },
      });
      expect(document.denials).toEqual({ x1: { developmentId: 'x1', by: 'Kremlin', text: 'No plans to invade', of: 's1', recordedAt: '2022-01-10T08:02:00.000Z' } });
      expect(document.deployments).toEqual({
        p1: { developmentId: 'p1', force: 'US', count: 3_000, destination: 'Poland', occurredAt: '2022-02-02', recordedAt: '2022-01-10T08:03:00.000Z' },
      });
      expect(document.notes).toEqual({ n1: { developmentId: 'n1', text: 'Embassy families told to leave', recordedAt: '2022-01-10T08:04:00.000Z' } });
    });

    it('shows the corrected fields of a corrected development', () => {
      const document = documentAfter(...story, corrected('s1', { text: 'An invasion could come at any time' }), corrected('p1', { count: 1_700 }));

      expect(document.statements.s1).toMatchObject({ speaker: 'Jen Psaki', text: 'An invasion could come at any time' });
      expect(document.deployments.p1).toMatchObject({ count: 1_700, destination: 'Poland' });
    });

    it('takes a retracted development out of the document and lists it in `retracted`, in order', () => {
      const document = documentAfter(...story, retracted('n1'), retracted('s1'));

      expect(document.notes).toEqual({});
      expect(document.statements).toEqual({});
      expect(document.denials).toHaveProperty('x1');
      expect(document.retracted).toEqual(['n1', 's1']);
    });
  });
});
