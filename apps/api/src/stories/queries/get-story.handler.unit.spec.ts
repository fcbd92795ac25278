import { storyStreamName, type StoryState } from '@story-tracker/domain';
import { eraseValues, InMemoryEventStore, type NewEvent } from '@story-tracker/event-store';
import { StoryCopies } from '../../story-loader/story-copies';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { DocumentBytesCache } from '../documents/document-bytes.cache';
import { GetStoryHandler } from './get-story.handler';
import { GetStoryQuery } from './get-story.query';

const STORY = 'built-story';
const metadata = { actor: 'editor', recordedAt: '2022-02-06T12:00:00.000Z', schemaVersion: 2 };
const EVENTS: NewEvent[] = [
  { type: 'StoryOpened', data: { storyId: STORY, headline: 'Built', summary: '', tags: [] }, metadata },
  { type: 'TroopEstimateRecorded', data: { developmentId: 'T2', force: 'Russia', location: 'Belarus', count: 30000 }, metadata },
];

describe('GetStoryHandler', () => {
  it('keeps no document that was being built when the story was forgotten (a redaction), and builds anew for the readers after', async () => {
    const store = new InMemoryEventStore();
    await store.append(storyStreamName(STORY), EVENTS, { expectedRevision: 0 });
    const loader = new StoryLoader(store);
    const copies = new StoryCopies(loader);
    const documents = new DocumentBytesCache(1024 * 1024);
    copies.keep(documents);
    const handler = new GetStoryHandler(loader, documents, store, copies);
    // The first build has its state, and is held until the value is erased and the story forgotten.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const stateAt = loader.stateAt.bind(loader);
    jest.spyOn(loader, 'stateAt').mockImplementationOnce(async (storyId: string, revision: number): Promise<StoryState> => {
      const state = await stateAt(storyId, revision);
      await held;
      return state;
    });
    const bodyOf = async (query: GetStoryQuery) => (await handler.execute(query)).body.toString();

    const underWay = bodyOf(new GetStoryQuery(STORY, { revision: 2 }));
    await new Promise((resolve) => setImmediate(resolve));
    await eraseValues(store, storyStreamName(STORY), [{ revision: 2, pointers: ['/location'] }], '[redacted]');
    await copies.forget(STORY);
    // A reader arriving now does not join the build under way.
    expect(await bodyOf(new GetStoryQuery(STORY, { revision: 2 }))).not.toContain('Belarus');
    release();
    expect(await underWay).toContain('Belarus');

    expect(documents.get(STORY, 2)?.body.toString()).not.toContain('Belarus');
    expect(await bodyOf(new GetStoryQuery(STORY, { revision: 2 }))).toContain('[redacted]');
  });
});
