import { toStoryDocument } from '@story-tracker/domain';
import { InMemoryEventStore, type NewEvent } from '@story-tracker/event-store';
import { auditStory } from './audit-story';
import { exportStory } from './export/export-story';
import { replayStory } from './replay/replay-story';
import { STORY, appendStory, storyEvent } from './testing/audit-fixtures';

/** Events written before schema versioning (no schemaVersion: read as version 1), in their v1 shape. */
const legacy = (type: string, data: Record<string, unknown>, minute: number): NewEvent => {
  const { metadata, ...event } = storyEvent(type, data, minute);
  const { schemaVersion: _dropped, ...v1Metadata } = metadata;
  return { ...event, metadata: v1Metadata };
};

describe('auditing a story whose early events are in an older schema', () => {
  let store: InMemoryEventStore;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    await appendStory(store, STORY, [
      legacy('StoryOpened', { storyId: STORY, title: 'Russia masses troops near Ukraine' }, 0),
      legacy('TroopEstimateRecorded', { developmentId: 'dev-1', force: 'Russia', location: 'Ukrainian border', estimate: 100000, qualifier: 'more than' }, 1),
      storyEvent('HeadlineRevised', { headline: 'Russia and the US to meet in Geneva' }, 2),
    ]);
  });

  it('verifies the chain over the events as stored and replays them upcast', async () => {
    const audit = await auditStory(store, STORY);
    const { state } = await replayStory(store, STORY);

    expect(audit).toMatchObject({ verified: true, events: 3 });
    expect(toStoryDocument(state).troopEstimates).toEqual({
      'Russia|Ukrainian border': expect.objectContaining({ count: 100000, qualifier: 'more-than' }),
    });
  });

  it('exports the events as stored, not upcast', async () => {
    const entries = [];
    for await (const entry of exportStory(store, STORY)) entries.push(entry);

    expect(entries[0]).toMatchObject({ schemaVersion: null, data: { storyId: STORY, title: 'Russia masses troops near Ukraine' } });
    expect(entries[1]!.data).toMatchObject({ estimate: 100000, qualifier: 'more than' });
    expect(entries[2]).toMatchObject({ schemaVersion: 2 });
  });
});
