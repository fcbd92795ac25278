import { DomainError, fold, initialStoryState, storyStreamName, toStoryDocument, toRecordedStoryEvent } from '@story-tracker/domain';
import { InMemoryEventStore, InMemorySnapshotStore, NoSnapshotStore, type NewEvent, type StoredEvent } from '@story-tracker/event-store';
import { ApiError } from '../errors/api-error';
import { CHECKPOINT_INTERVAL, EARLY_CHECKPOINT_INTERVAL, StoryLoader } from './story-loader.service';
import { countingReads } from './testing/counting-reads';
import { storyEventAt } from './testing/story-events';

const STORY = 'long-story';
const EVENTS = CHECKPOINT_INTERVAL * 3 + 17;

function eventAt(revision: number): NewEvent {
  return storyEventAt(STORY, revision, {
    headline: 'Long',
    development: (at) =>
      at % 3 === 0
        ? { type: 'TroopEstimateRecorded', data: { developmentId: `T${at}`, force: 'Russia', location: `sector ${at % 7}`, count: at * 100 } }
        : { type: 'NoteAdded', data: { developmentId: `N${at}`, text: `note ${at}` } },
  });
}

describe('StoryLoader', () => {
  let store: InMemoryEventStore;
  let machine: StoryLoader;
  let stored: StoredEvent[];

  beforeAll(async () => {
    store = new InMemoryEventStore();
    await store.append(storyStreamName(STORY), Array.from({ length: EVENTS }, (_, i) => eventAt(i + 1)), { expectedRevision: 0 });
    stored = [];
    for await (const event of store.readStream(storyStreamName(STORY))) stored.push(event);
    machine = new StoryLoader(store);
  });

  it.each([1, 2, CHECKPOINT_INTERVAL - 1, CHECKPOINT_INTERVAL, CHECKPOINT_INTERVAL + 1, 2 * CHECKPOINT_INTERVAL + 250, EVENTS - 1, EVENTS])(
    'gives at revision %i the same state as a replay from scratch',
    async (revision) => {
      const expected = fold(stored.slice(0, revision).map(toRecordedStoryEvent), initialStoryState);
      expect(toStoryDocument(await machine.stateAt(STORY, revision))).toEqual(toStoryDocument(expected));
    },
  );

  it('follows the story as it grows', async () => {
    const next = eventAt(EVENTS + 1);
    await store.append(storyStreamName(STORY), [next], { expectedRevision: EVENTS });
    expect((await machine.latest(STORY)).revision).toBe(EVENTS + 1);
    expect((await machine.stateAt(STORY, EVENTS + 1)).developments.has((next.data as { developmentId: string }).developmentId)).toBe(true);
  });

  it('finds the last revision recorded at or before a time', async () => {
    expect(await machine.revisionAsOf(STORY, new Date(Date.UTC(2022, 0, 1) + 42 * 60_000))).toBe(42);
    expect(await machine.revisionAsOf(STORY, new Date(Date.UTC(2022, 0, 1) + 42 * 60_000 + 59_999))).toBe(42);
    expect(await machine.revisionAsOf(STORY, new Date(Date.UTC(2030, 0, 1)))).toBe(EVENTS + 1);
    await expect(machine.revisionAsOf(STORY, new Date(Date.UTC(2021, 0, 1)))).rejects.toThrow(ApiError);
  });

  it('refuses revisions past the end and unknown stories', async () => {
    await expect(machine.stateAt(STORY, EVENTS + 2)).rejects.toMatchObject({ code: 'RevisionNotFound' });
    await expect(machine.latest('no-such-story')).rejects.toThrow(DomainError);
    expect((await machine.current('no-such-story')).exists).toBe(false);
  });

  it(`keeps a checkpoint every ${EARLY_CHECKPOINT_INTERVAL} revisions among the early ones, so a read there folds at most ${EARLY_CHECKPOINT_INTERVAL - 1} events`, async () => {
    const { store: counting, read } = countingReads(store);
    const fresh = new StoryLoader(counting, new NoSnapshotStore());
    await fresh.stateAt(STORY, 1500);
    expect(read()).toBe(1500);
    const cases = [1234, 1499, 101, 99, 1300];
    const folded = [];
    for (const revision of cases) {
      const before = read();
      const expected = fold(stored.slice(0, revision).map(toRecordedStoryEvent), initialStoryState);
      expect(toStoryDocument(await fresh.stateAt(STORY, revision))).toEqual(toStoryDocument(expected));
      folded.push(read() - before);
    }
    expect(folded).toEqual(cases.map((revision) => revision % EARLY_CHECKPOINT_INTERVAL));
  });

  it('lets go of every state it holds once its module is destroyed (a closed app may still be referenced)', async () => {
    const closing = new StoryLoader(store, new NoSnapshotStore());
    await closing.latest(STORY);
    expect(closing.knownHead(STORY)?.revision).toBeGreaterThan(0);
    closing.onModuleDestroy();
    expect(closing.knownHead(STORY)).toBeUndefined();
  });

  it('folds each event once when many readers catch up at the same time', async () => {
    // Counts the events the store hands out: five readers racing on a cold story must read the
    // stream once between them (one catch-up at a time per story), not once each.
    const { store: counting, read } = countingReads(store);
    // No snapshots: this is about the per-story queue, not about where a fold starts.
    const fresh = new StoryLoader(counting, new NoSnapshotStore());
    const heads = await Promise.all(Array.from({ length: 5 }, () => fresh.latest(STORY)));
    expect(new Set(heads.map((head) => head.revision))).toEqual(new Set([EVENTS + 1]));
    expect(read()).toBe(EVENTS + 1);
    expect(await fresh.revisionAsOf(STORY, new Date(Date.UTC(2030, 0, 1)))).toBe(EVENTS + 1);
  });
});

describe('StoryLoader, reads among the first revisions after reads far along the story', () => {
  const LONG = 'longer-story';
  const longEventAt = (revision: number) =>
    storyEventAt(LONG, revision, { headline: 'Longer', development: (at) => ({ type: 'NoteAdded', data: { developmentId: `N${at}`, text: `note ${at}` } }) });

  it('keeps the early checkpoints of the line from the empty story when reads that decode snapshots push that line out', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    await store.append(storyStreamName(LONG), Array.from({ length: 16_500 }, (_, i) => longEventAt(i + 1)), { expectedRevision: 0 });
    const writer = new StoryLoader(store, snapshots);
    await writer.latest(LONG);
    await writer.snapshotsWritten();
    writer.onModuleDestroy();

    const { store: counting, read } = countingReads(store);
    const reader = new StoryLoader(counting, snapshots);
    await reader.stateAt(LONG, 1500);
    // Each far read decodes a snapshot and starts a line of its own; the third pushes out the line from the empty story.
    for (const revision of [4100, 8100, 16_100]) {
      const before = read();
      await reader.stateAt(LONG, revision);
      expect(read() - before).toBeLessThan(200);
    }
    const before = read();
    const state = await reader.stateAt(LONG, 1234);
    expect(read() - before).toBe(1234 % EARLY_CHECKPOINT_INTERVAL);
    const events: StoredEvent[] = [];
    for await (const event of store.readStream(storyStreamName(LONG), { toRevision: 1234 })) events.push(event);
    expect(toStoryDocument(state)).toEqual(toStoryDocument(fold(events.map(toRecordedStoryEvent), initialStoryState)));
    reader.onModuleDestroy();
  });
});
