import type { DevelopmentRedacted, HeadlineRevised, SummaryRevised, TagsChanged } from '../events/story-event';
import { initialStoryState } from '../state/story-state';
import { fold } from '../story.evolve';
import { archived, by, corrected, developmentRecorded, meeting, opened, published, recordedEvents, retracted, troops, type GivenEvent } from '../testing';
import { DETAIL_REMOVED_TEXT } from './changelog-item';
import { REMOVED_DETAIL } from './reader-words';
import { changelogAfter, storyChangelog } from './story-changelog';

const headline = (text: string): HeadlineRevised => ({ type: 'HeadlineRevised', data: { headline: text } });
const summary = (text: string): SummaryRevised => ({ type: 'SummaryRevised', data: { summary: text } });
const tags = (...names: string[]): TagsChanged => ({ type: 'TagsChanged', data: { tags: names } });
const redacted = (developmentId: string, paths: string[], reason = 'The source asked not to be named'): DevelopmentRedacted => ({
  type: 'DevelopmentRedacted',
  data: { developmentId, paths, reason },
});

const deployment = (count: number) => developmentRecorded('p1', { type: 'deployment', force: 'US troops', count, destination: 'Poland' });
const macronPutin = developmentRecorded('m1', meeting({ participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07' }));
const held = developmentRecorded('h1', { type: 'meeting-held', meetingId: 'm1' });

/** The items of the story these events make, as `{ kind, text }`, newest first. */
function itemsOf(...events: GivenEvent[]) {
  return storyChangelog(recordedEvents([opened({ headline: 'Macron heads to Moscow' }), ...events])).items.map(({ kind, text }) => ({ kind, text }));
}

describe('the readers’ changelog', () => {
  it('is empty for a story never published, archived or not', () => {
    expect(storyChangelog(recordedEvents([opened(), deployment(3_000), headline('New')])).items).toEqual([]);
    expect(storyChangelog(recordedEvents([opened(), deployment(3_000), archived()]))).not.toHaveProperty('publication');
  });

  it('tells what was recorded after the first publication only, newest first, at each event’s record time', () => {
    const log = storyChangelog(recordedEvents([opened(), deployment(3_000), published(), macronPutin, held]));
    expect(log.publication).toEqual({ revision: 3, at: '2022-01-10T08:02:00.000Z' });
    expect(log.items).toEqual([
      { at: '2022-01-10T08:04:00.000Z', kind: 'update', revision: 5, text: 'Update: A meeting between Macron and Putin was held in Moscow.', title: 'Update: A meeting between Macron and Putin was held in Moscow.' },
      {
        at: '2022-01-10T08:03:00.000Z',
        kind: 'update',
        revision: 4,
        text: 'Update: Emmanuel Macron and Vladimir Putin were due to meet in Moscow on 7 February 2022.',
        title: 'Update: Emmanuel Macron and Vladimir Putin were due to meet in Moscow on 7 February 2022.',
      },
    ]);
  });

  it('words a correction from the development as it stood and as it is, then the editor’s reason as written', () => {
    expect(itemsOf(deployment(3_000), published(), corrected('p1', { count: 1_700 }, 'The first contingent was 1,700'))).toEqual([
      {
        kind: 'correction',
        text: 'Correction: An earlier version of this story said 3,000 US troops were sent to Poland. It should have said 1,700 US troops were sent to Poland. The first contingent was 1,700.',
      },
    ]);
  });

  it('says in which report a correction was when what changed does not show in it (a date), and the date', () => {
    const estimate = developmentRecorded('t1', troops(100_000, { occurredAt: '2022-02-05' }));
    expect(itemsOf(estimate, published(), corrected('t1', { occurredAt: '2022-02-06' }, 'wrong day!'))).toEqual([
      {
        kind: 'correction',
        text: 'Correction: An earlier version of this story got a detail wrong in the report that Russia had 100,000 troops near the Ukrainian border. The date is 6 February 2022, not 5 February 2022. Wrong day!',
      },
    ]);
  });

  it('words a retraction: what was said, that it was withdrawn, and why', () => {
    const estimate = developmentRecorded('t1', troops(100_000, { qualifier: 'more-than', source: { name: 'US officials' } }));
    expect(itemsOf(estimate, published(), retracted('t1', 'The figure could not be confirmed.'))).toEqual([
      {
        kind: 'retraction',
        text: 'Retraction: An earlier version of this story said Russia had more than 100,000 troops near the Ukrainian border, according to US officials. It has been withdrawn. The figure could not be confirmed.',
      },
    ]);
  });

  it('words every other development, and the headline and summary, as updates; tags, publishing and archiving are none', () => {
    expect(itemsOf(macronPutin, published(), held, headline('Macron meets Putin'), summary('Five hours of talks'), summary(''), tags('france'), archived())).toEqual([
      { kind: 'update', text: 'Update: The summary was removed.' },
      { kind: 'update', text: 'Update: A summary was added: “Five hours of talks”.' },
      { kind: 'update', text: 'Update: The headline was changed from “Macron heads to Moscow” to “Macron meets Putin”.' },
      { kind: 'update', text: 'Update: A meeting between Macron and Putin was held in Moscow.' },
    ]);
    expect(itemsOf(published(), summary('Talks'), summary('Five hours of talks'))[0]).toEqual({ kind: 'update', text: 'Update: The summary now reads “Five hours of talks”.' });
  });

  it('keeps each item’s words when a later correction or retraction changes what it was about', () => {
    const items = itemsOf(published(), deployment(3_000), corrected('p1', { count: 1_700 }), retracted('p1'));
    expect(items.map(({ text }) => text)).toEqual([
      'Retraction: An earlier version of this story said 1,700 US troops were sent to Poland. It has been withdrawn. Could not be confirmed.',
      'Correction: An earlier version of this story said 3,000 US troops were sent to Poland. It should have said 1,700 US troops were sent to Poland. Wrong figure.',
      'Update: 3,000 US troops were sent to Poland.',
    ]);
  });

  it('never names who recorded anything', () => {
    const events = [by(deployment(3_000), 'alice'), by(published(), 'alice'), by(corrected('p1', { count: 1_700 }), 'bob'), by(headline('New'), 'carol')];
    expect(JSON.stringify(itemsOf(...events))).not.toMatch(/alice|bob|carol/);
  });

  describe('with a redaction', () => {
    const sourced = developmentRecorded('t1', troops(92_000, { source: { name: 'Colonel Petrenko' } }));

    it('never shows the value, in the items before it as well, even from events the store has not erased yet', () => {
      const items = itemsOf(published(), sourced, corrected('t1', { count: 100_000 }), redacted('t1', ['/source/name']));
      expect(JSON.stringify(items)).not.toContain('Petrenko');
      expect(JSON.stringify(items)).not.toContain('[redacted]');
      expect(items).toEqual([
        { kind: 'update', text: DETAIL_REMOVED_TEXT },
        {
          kind: 'correction',
          text: `Correction: An earlier version of this story said Russia had 92,000 troops near the Ukrainian border, according to ${REMOVED_DETAIL}. It should have said Russia had 100,000 troops near the Ukrainian border, according to ${REMOVED_DETAIL}. Wrong figure.`,
        },
        { kind: 'update', text: `Update: Russia had 92,000 troops near the Ukrainian border, according to ${REMOVED_DETAIL}.` },
      ]);
    });

    it('does not tell a corrected value that was redacted afterwards, nor the reason that went with it, nor why it was redacted', () => {
      const items = itemsOf(published(), sourced, corrected('t1', { count: 95_000 }, 'It is 95,000 now'), redacted('t1', ['/count'], 'Only the colonel knew'));
      expect(JSON.stringify(items)).not.toMatch(/92,000|95,000|colonel knew/);
      // The reason went with the value: an editor's words may repeat it ("95,000 now"), and no redaction reaches them.
      expect(items[1]!.text).toBe(`Correction: An earlier version of this story got a detail wrong in the report that Russia had ${REMOVED_DETAIL} troops near the Ukrainian border, according to Colonel Petrenko.`);
    });

    it('shows a value given by a correction after the redaction: a new value, not the one taken out', () => {
      const items = itemsOf(published(), sourced, redacted('t1', ['/source']), corrected('t1', { source: { name: 'NATO' } }, 'Now on the record'));
      expect(items[0]!.text).toBe(`Correction: An earlier version of this story said Russia had 92,000 troops near the Ukrainian border, according to ${REMOVED_DETAIL}. It should have said Russia had 92,000 troops near the Ukrainian border, according to NATO. Now on the record.`);
      expect(JSON.stringify(items)).not.toContain('Petrenko');
    });
  });

  it('reads the same from the story as it stood at its publication and the events after it', () => {
    const events = recordedEvents([opened(), deployment(3_000), macronPutin, published(), corrected('p1', { count: 1_700 }), held, headline('New')]);
    const whole = storyChangelog(events);
    const after = changelogAfter(fold(events.slice(0, 4), initialStoryState), events.slice(4));
    expect(after.items).toEqual(whole.items);
    expect(after.state).toEqual(whole.state);
  });
});
