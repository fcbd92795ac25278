import { STORY_STREAM_PREFIX, storyIdOfStream } from '@story-tracker/domain';
import { readAllEncoded, type EventStore } from '@story-tracker/event-store';

export interface ListStoriesOptions {
  /** Events fetched per read (default 5000). */
  readonly pageSize?: number;
  /** Called after each page, with the global position reached and the store's head when it began. */
  readonly onProgress?: (position: number, head: number) => void;
}

/**
 * Every story that has a stream in the store, in the order the stories first appear. The port has
 * no list of streams, so this scans the whole store in global order with `readAll`, a page at a time:
 * memory grows with the number of stories, never with the number of events. A stream counts even if
 * its first events were deleted, so a tampered story is still found and audited.
 */
export async function* listStoryIds(store: EventStore, options: ListStoriesOptions = {}): AsyncIterable<string> {
  const pageSize = options.pageSize ?? 5000;
  const head = await store.headPosition();
  const seen = new Set<string>();
  let position = 0;
  while (position < head) {
    // Only stream ids are needed: the rows' JSON is left unparsed.
    const page = await readAllEncoded(store, position, pageSize);
    if (page.length === 0) break;
    for (const event of page) {
      if (event.streamId.startsWith(STORY_STREAM_PREFIX) && !seen.has(event.streamId)) {
        seen.add(event.streamId);
        yield storyIdOfStream(event.streamId);
      }
    }
    position = page[page.length - 1]!.globalPosition;
    options.onProgress?.(Math.min(position, head), head);
  }
}
