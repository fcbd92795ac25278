import { diffDocuments, fold, initialStoryState, storyStreamName, toStoryDocument, toRecordedStoryEvent } from '@story-tracker/domain';
import { InMemoryEventStore, type NewEvent, type StoredEvent } from '@story-tracker/event-store';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { GetDiffHandler } from './get-diff.handler';
import { GetDiffQuery } from './get-diff.query';
import { storyEventAt } from '../../story-loader/testing/story-events';

const STORY = 'diffed-story';

function eventAt(revision: number): NewEvent {
  return storyEventAt(STORY, revision, {
    headline: 'Diffed',
    development: (at) => ({ type: 'TroopEstimateRecorded', data: { developmentId: `T${at}`, force: 'Russia', location: 'Belarus', count: at * 100 } }),
  });
}

describe('GetDiffHandler', () => {
  let store: InMemoryEventStore;
  let stored: StoredEvent[];

  beforeAll(async () => {
    store = new InMemoryEventStore();
    await store.append(storyStreamName(STORY), Array.from({ length: 40 }, (_, i) => eventAt(i + 1)), { expectedRevision: 0 });
    stored = [];
    for await (const event of store.readStream(storyStreamName(STORY))) stored.push(event);
  });

  it('reads the events between the two revisions once, and diffs the state they fold to', async () => {
    const machine = new StoryLoader(store);
    const handler = new GetDiffHandler(machine);
    await machine.latest(STORY);
    const reads = jest.spyOn(machine, 'events');

    const diff = await handler.execute(new GetDiffQuery(STORY, 10, 30));

    // Ranged reads (the catch-up with the store's head has none): 1–10 for the state at `from`, 11–30 once.
    const ranged = reads.mock.calls.filter(([, , to]) => to !== undefined);
    expect(ranged.filter(([, , to]) => to! > 10)).toEqual([[STORY, 11, 30]]);
    const [before, after] = [10, 30].map((revision) => toStoryDocument(fold(stored.slice(0, revision).map(toRecordedStoryEvent), initialStoryState)));
    expect(diff.changes).toEqual(diffDocuments(before!, after!));
    expect(diff.descriptions).toHaveLength(20);
  });

  it('still refuses a `to` past the story’s end', async () => {
    const handler = new GetDiffHandler(new StoryLoader(store));
    await expect(handler.execute(new GetDiffQuery(STORY, 10, 41))).rejects.toMatchObject({ code: 'RevisionNotFound' });
  });
});
