import type { DevelopmentOf } from '../events/development';
import type { RecordedStoryEvent } from '../events/story-event';
import { initialStoryState } from '../state/story-state';
import { fold } from '../story.evolve';
import {
  archived,
  corrected,
  demand,
  developmentRecorded,
  meeting,
  note,
  opened,
  published,
  recordedEvents,
  retracted,
  troops,
  type GivenEvent,
} from '../testing';
import { describeEvent } from './describe-event';

/** The description of the last event, given the story the events before it fold to. */
function describeLast(...events: GivenEvent[]): string {
  const recorded = recordedEvents(events);
  const last = recorded[recorded.length - 1] as RecordedStoryEvent;
  return describeEvent(last, fold(recorded.slice(0, -1), initialStoryState));
}

const usOfficials = { source: { name: 'US officials' } };
const summit = meeting({ participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07' });
const meetingEvent = (id: string, development: DevelopmentOf<'meeting-rescheduled' | 'meeting-held' | 'meeting-cancelled'>) =>
  developmentRecorded(id, development);

describe('describeEvent', () => {
  describe('troop estimates', () => {
    it('gives the first estimate for a force and location on its own', () => {
      expect(describeLast(opened(), developmentRecorded('t1', troops(92_000)))).toBe('Troop estimate for Russia near the Ukrainian border: 92,000');
    });

    it('names the figure it supersedes and the source', () => {
      expect(describeLast(opened(), developmentRecorded('t1', troops(92_000)), developmentRecorded('t2', troops(100_000, usOfficials)))).toBe(
        'Troop estimate for Russia near the Ukrainian border: 92,000 → 100,000 (US officials)',
      );
    });

    it('shows qualifiers in words on both sides, and a capability share', () => {
      const description = describeLast(
        opened(),
        developmentRecorded('t1', troops(92_000, { qualifier: 'about' })),
        developmentRecorded('t2', troops(100_000, { qualifier: 'more-than', capabilityShare: 70, ...usOfficials })),
      );

      expect(description).toBe(
        'Troop estimate for Russia near the Ukrainian border: about 92,000 → more than 100,000, 70% of the capability needed (US officials)',
      );
    });

    it('does not supersede an estimate for another location', () => {
      expect(describeLast(opened(), developmentRecorded('t1', troops(92_000)), developmentRecorded('t2', troops(30_000, { location: 'Belarus' })))).toBe(
        'Troop estimate for Russia in Belarus: 30,000',
      );
    });

    it('says when a figure recorded late about an earlier moment leaves the newer one current', () => {
      const description = describeLast(
        opened(),
        developmentRecorded('t1', troops(100_000, { occurredAt: '2022-01-09' })),
        developmentRecorded('t2', troops(92_000, { occurredAt: '2021-12-01' })),
      );

      expect(description).toBe('Troop estimate for Russia near the Ukrainian border: 92,000; earlier than the current 100,000');
    });
  });

  describe('meetings', () => {
    it('names a scheduled meeting by its participants, place and time', () => {
      expect(describeLast(opened(), developmentRecorded('m1', meeting({ topic: 'Security guarantees' })))).toBe(
        'Meeting Blinken – Lavrov in Geneva scheduled for 2022-01-21, topic: Security guarantees',
      );
    });

    it('names a held meeting by its participants’ last names and the status change', () => {
      expect(describeLast(opened(), developmentRecorded('m1', summit), meetingEvent('h1', { type: 'meeting-held', meetingId: 'm1' }))).toBe(
        'Meeting Macron – Putin in Moscow: scheduled → held',
      );
    });

    it('uses the meeting’s current location and adds the outcome', () => {
      const description = describeLast(
        opened(),
        developmentRecorded('m1', summit),
        meetingEvent('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-02-08', location: 'Kremlin' }),
        meetingEvent('h1', { type: 'meeting-held', meetingId: 'm1', outcome: 'No breakthrough' }),
      );

      expect(description).toBe('Meeting Macron – Putin in the Kremlin: scheduled → held; outcome: No breakthrough');
    });

    it('gives the old and new time of a rescheduled meeting', () => {
      expect(
        describeLast(opened(), developmentRecorded('m1', summit), meetingEvent('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-02-08' })),
      ).toBe('Meeting Macron – Putin in Moscow rescheduled: 2022-02-07 → 2022-02-08');
    });

    it('gives the old and new place of a meeting that moves', () => {
      const description = describeLast(
        opened(),
        developmentRecorded('m1', summit),
        meetingEvent('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-02-08', location: 'Kyiv' }),
      );

      expect(description).toBe('Meeting Macron – Putin in Moscow rescheduled: 2022-02-07 → 2022-02-08, location Moscow → Kyiv');
    });

    it('gives the reason a meeting was cancelled', () => {
      expect(
        describeLast(opened(), developmentRecorded('m1', summit), meetingEvent('c1', { type: 'meeting-cancelled', meetingId: 'm1', reason: 'Russia withdrew' })),
      ).toBe('Meeting Macron – Putin in Moscow: scheduled → cancelled (reason: Russia withdrew)');
    });
  });

  describe('demands', () => {
    const made = developmentRecorded('q1', demand());

    it('names who made a demand, to whom, and what it says', () => {
      expect(describeLast(opened(), made)).toBe('Demand by Russia to NATO and the US: “No further eastward expansion of NATO”');
    });

    it('gives the status change of a rejected demand and who rejected it', () => {
      expect(describeLast(opened(), made, developmentRecorded('r1', { type: 'demand-rejected', demandId: 'q1', by: ['United States', 'NATO'] }))).toBe(
        'Demand by Russia “No further eastward expansion of NATO”: open → rejected by the United States and NATO',
      );
    });

    it('gives the status change of an accepted demand, and the statement', () => {
      const description = describeLast(
        opened(),
        made,
        developmentRecorded('r1', { type: 'demand-rejected', demandId: 'q1', by: ['NATO'] }),
        developmentRecorded('a1', { type: 'demand-accepted', demandId: 'q1', by: ['EU'], statement: 'Open to talks' }),
      );

      expect(description).toBe('Demand by Russia “No further eastward expansion of NATO”: rejected → mixed (accepted by the EU): “Open to talks”');
    });
  });

  describe('statements, denials, deployments and notes', () => {
    it('quotes a statement with its speaker and outlet', () => {
      expect(
        describeLast(opened(), developmentRecorded('s1', { type: 'statement', speaker: 'Emmanuel Macron', outlet: 'Journal du Dimanche', text: 'Dialogue is the only way' })),
      ).toBe('Statement by Emmanuel Macron (Journal du Dimanche): “Dialogue is the only way”');
    });

    it('cuts a long quote to about 100 characters at a word boundary', () => {
      const text = `${'The security of Europe cannot be built without Russia, and we will talk. '.repeat(3)}`;
      const description = describeLast(opened(), developmentRecorded('s1', { type: 'statement', speaker: 'Emmanuel Macron', text }));

      expect(description).toMatch(/^Statement by Emmanuel Macron: “The security of Europe .*\S…”$/);
      expect(description.length).toBeLessThan('Statement by Emmanuel Macron: “”'.length + 102);
    });

    it('names the development a denial denies', () => {
      const description = describeLast(
        opened(),
        developmentRecorded('s1', { type: 'statement', speaker: 'Jen Psaki', text: 'Invasion could come at any time' }),
        developmentRecorded('x1', { type: 'denial', by: 'Kremlin', text: 'No plans to invade', of: 's1' }),
      );

      expect(description).toBe('Denial by the Kremlin of statement by Jen Psaki “Invasion could come at any time”: “No plans to invade”');
    });

    it('gives a deployment’s size, force and destination', () => {
      expect(describeLast(opened(), developmentRecorded('p1', { type: 'deployment', force: 'US', count: 3_000, destination: 'Poland' }))).toBe(
        'Deployment: 3,000 US troops to Poland',
      );
    });

    it('gives a note’s text and source', () => {
      expect(describeLast(opened(), developmentRecorded('n1', { ...note('Embassy families told to leave'), source: { name: 'State Department' } }))).toBe(
        'Note: Embassy families told to leave (State Department)',
      );
    });
  });

  describe('the story itself', () => {
    it('gives the headline a story opened with', () => {
      expect(describeLast(opened())).toBe('Story opened: Russia masses troops near Ukraine');
    });

    it('gives the old and new headline', () => {
      expect(describeLast(opened(), { type: 'HeadlineRevised', data: { headline: 'Russia masses 100,000 troops' } })).toBe(
        'Headline: Russia masses troops near Ukraine → Russia masses 100,000 troops',
      );
    });

    it('gives the old and new summary, "none" for an empty one', () => {
      expect(describeLast(opened(), { type: 'SummaryRevised', data: { summary: 'Talks begin' } })).toBe('Summary: none → Talks begin');
    });

    it('lists tags added and removed', () => {
      expect(describeLast(opened({ tags: ['russia', 'ukraine'] }), { type: 'TagsChanged', data: { tags: ['ukraine', 'nato'] } })).toBe('Tags: +nato −russia');
    });

    it('says a story was published or archived', () => {
      expect(describeLast(opened(), published())).toBe('Story published');
      expect(describeLast(opened(), archived())).toBe('Story archived');
    });
  });

  describe('corrections and retractions', () => {
    it('names the corrected development and each changed field, old → new, with the reason', () => {
      expect(describeLast(opened(), developmentRecorded('t1', troops(92_000)), corrected('t1', { count: 100_000 }, 'Typo in the figure'))).toBe(
        'Correction to troop estimate for Russia near the Ukrainian border: count 92,000 → 100,000 (reason: Typo in the figure)',
      );
    });

    it('gives absent values as "none", qualifiers and field names in words', () => {
      const description = describeLast(opened(), developmentRecorded('t1', troops(92_000)), corrected('t1', { qualifier: 'nearly', capabilityShare: 70 }));

      expect(description).toBe('Correction to troop estimate for Russia near the Ukrainian border: qualifier none → nearly, capability share none → 70 (reason: Wrong figure)');
    });

    it('names a corrected meeting by its participants', () => {
      expect(describeLast(opened(), developmentRecorded('m1', summit), corrected('m1', { participants: ['Emmanuel Macron', 'Sergei Lavrov'] }, 'Putin sent Lavrov'))).toBe(
        'Correction to meeting Macron – Putin in Moscow: participants Emmanuel Macron and Vladimir Putin → Emmanuel Macron and Sergei Lavrov (reason: Putin sent Lavrov)',
      );
    });

    it('describes the retracted development with its figure and the reason', () => {
      expect(describeLast(opened(), developmentRecorded('t1', troops(100_000, usOfficials)), retracted('t1'))).toBe(
        'Retracted: troop estimate of 100,000 for Russia near the Ukrainian border, according to US officials (reason: Could not be confirmed)',
      );
    });

    it('describes a retracted meeting-held', () => {
      expect(describeLast(opened(), developmentRecorded('m1', summit), meetingEvent('h1', { type: 'meeting-held', meetingId: 'm1' }), retracted('h1', 'Wrong meeting'))).toBe(
        'Retracted: report that meeting Macron – Putin in Moscow was held (reason: Wrong meeting)',
      );
    });
  });
});
