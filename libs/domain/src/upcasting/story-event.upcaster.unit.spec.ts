import { toStoryDocument } from '../document/story-document';
import type { RecordedStoryEvent } from '../events/story-event';
import { initialStoryState } from '../state/story-state';
import { fold } from '../story.evolve';
import { CURRENT_SCHEMA_VERSION, UpcastError, upcastStoryEvent } from './story-event.upcaster';

const v1 = (type: string, data: unknown) => ({ type, data, schemaVersion: 1 });

describe('upcastStoryEvent', () => {
  it('is at schema version 2', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(2);
  });

  describe('StoryOpened v1 → v2', () => {
    it('renames title to headline and keeps summary and tags', () => {
      expect(upcastStoryEvent(v1('StoryOpened', { storyId: 'kyiv-talks', title: 'Talks in Kyiv', summary: 'Day one', tags: ['talks'] }))).toEqual({
        type: 'StoryOpened',
        data: { storyId: 'kyiv-talks', headline: 'Talks in Kyiv', summary: 'Day one', tags: ['talks'] },
      });
    });

    it('gives a missing summary and tags as empty', () => {
      expect(upcastStoryEvent(v1('StoryOpened', { storyId: 'kyiv-talks', title: 'Talks in Kyiv' })).data).toEqual({
        storyId: 'kyiv-talks',
        headline: 'Talks in Kyiv',
        summary: '',
        tags: [],
      });
    });

    it('refuses a v1 StoryOpened without a title', () => {
      expect(() => upcastStoryEvent(v1('StoryOpened', { storyId: 'kyiv-talks', headline: 'x' }))).toThrow('StoryOpened v1 cannot be read as v2: title is missing');
    });
  });

  describe('TroopEstimateRecorded v1 → v2', () => {
    const estimate = { developmentId: 't1', force: 'Russia', location: 'Ukrainian border', estimate: 100_000, source: { name: 'US officials' } };

    it('renames estimate to count and keeps the other fields', () => {
      expect(upcastStoryEvent(v1('TroopEstimateRecorded', estimate)).data).toEqual({
        developmentId: 't1',
        force: 'Russia',
        location: 'Ukrainian border',
        count: 100_000,
        source: { name: 'US officials' },
      });
    });

    it.each([
      ['about', 'about'],
      ['more than', 'more-than'],
      ['nearly', 'nearly'],
      ['up to', 'up-to'],
      ['exactly', 'exactly'],
      ['More  than', 'more-than'],
    ])('turns the qualifier "%s" into "%s"', (written, read) => {
      expect(upcastStoryEvent(v1('TroopEstimateRecorded', { ...estimate, qualifier: written })).data).toMatchObject({ count: 100_000, qualifier: read });
    });

    it('refuses a qualifier v1 never had', () => {
      expect(() => upcastStoryEvent(v1('TroopEstimateRecorded', { ...estimate, qualifier: 'roughly' }))).toThrow(UpcastError);
      expect(() => upcastStoryEvent(v1('TroopEstimateRecorded', { ...estimate, qualifier: 'roughly' }))).toThrow(/qualifier "roughly" is not one of about, more than/);
    });

    it('leaves the stored data as it was', () => {
      const data = { ...estimate, qualifier: 'more than' };
      upcastStoryEvent(v1('TroopEstimateRecorded', data));

      expect(data).toEqual({ ...estimate, qualifier: 'more than' });
    });
  });

  it('passes v1 events of other types through unchanged', () => {
    const data = { developmentId: 'n1', text: 'Embassy families told to leave' };

    expect(upcastStoryEvent(v1('NoteAdded', data))).toEqual({ type: 'NoteAdded', data });
  });

  it('passes v2 events through unchanged', () => {
    const data = { storyId: 'kyiv-talks', headline: 'Talks in Kyiv', summary: '', tags: [], title: 'not a v1 field now' };

    expect(upcastStoryEvent({ type: 'StoryOpened', data, schemaVersion: 2 })).toEqual({ type: 'StoryOpened', data });
  });

  it('refuses an event written by a newer version, saying so', () => {
    expect(() => upcastStoryEvent({ type: 'StoryOpened', data: {}, schemaVersion: 3 })).toThrow(
      'StoryOpened was written with schema version 3, newer than this code reads (2); upgrade before reading this stream',
    );
  });

  it('refuses a version below 1', () => {
    expect(() => upcastStoryEvent({ type: 'StoryOpened', data: {}, schemaVersion: 0 })).toThrow(UpcastError);
  });

  it('lets a v1 stream fold into the current document', () => {
    const stored = [
      v1('StoryOpened', { storyId: 'kyiv-talks', title: 'Talks in Kyiv' }),
      v1('TroopEstimateRecorded', { developmentId: 't1', force: 'Russia', location: 'Ukrainian border', estimate: 100_000, qualifier: 'more than' }),
    ];
    const events = stored.map((event, index) => ({
      ...upcastStoryEvent(event),
      revision: index + 1,
      metadata: { actor: 'alice', recordedAt: `2022-01-1${index}T00:00:00.000Z` },
    })) as RecordedStoryEvent[];
    const document = toStoryDocument(fold(events, initialStoryState));

    expect(document).toMatchObject({ headline: 'Talks in Kyiv', summary: '', tags: [] });
    expect(document.troopEstimates['Russia|Ukrainian border']).toMatchObject({ count: 100_000, qualifier: 'more-than' });
  });
});
