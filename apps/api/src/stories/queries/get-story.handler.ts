import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError, storyStreamName, type StoryState } from '@story-tracker/domain';
import type { EventStore } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';
import { StoryCopies, type StoryCopyKeeper } from '../../story-loader/story-copies';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { DocumentBytesCache } from '../documents/document-bytes.cache';
import { toDocumentBytes, type DocumentBytes } from '../documents/document-bytes';
import { GetStoryQuery } from './get-story.query';

/**
 * A story's state document, served from its bytes when this revision was sent before. The latest
 * state asks the store for the stream's head on every read (one indexed lookup), so a write through
 * any instance is seen at once; only the document of that head revision comes from the cache.
 */
@QueryHandler(GetStoryQuery)
export class GetStoryHandler implements IQueryHandler<GetStoryQuery, DocumentBytes>, StoryCopyKeeper {
  /** Documents being built, so that readers arriving together at a new revision build it once. */
  private readonly building = new Map<string, { readonly storyId: string; readonly document: Promise<DocumentBytes> }>();

  constructor(
    private readonly stories: StoryLoader,
    private readonly documents: DocumentBytesCache,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    copies: StoryCopies,
  ) {
    copies.keep(this);
  }

  /**
   * A redaction: the documents being built were folded from the values, maybe. Readers from now on
   * build their own, and these are not kept once built (the cache is forgotten before they finish).
   */
  forgetStory(storyId: string): void {
    for (const [key, building] of this.building) if (building.storyId === storyId) this.building.delete(key);
  }

  async execute({ storyId, at }: GetStoryQuery): Promise<DocumentBytes> {
    if (at === undefined) return this.latest(storyId);
    const revision = 'revision' in at ? at.revision : await this.stories.revisionAsOf(storyId, at.asOf);
    // A revision once recorded stays (streams are append-only): a kept document of it needs no check.
    return this.documents.get(storyId, revision) ?? this.build(storyId, revision, () => this.stories.stateAt(storyId, revision));
  }

  private async latest(storyId: string): Promise<DocumentBytes> {
    const head = await this.store.streamRevision(storyStreamName(storyId));
    if (head === 0) throw new DomainError('StoryNotFound', `No story ${storyId}`, { storyId });
    // The loader's latest may be past `head` by now (an append since): newer than asked is still right.
    return this.documents.get(storyId, head) ?? this.build(storyId, head, () => this.stories.latest(storyId));
  }

  private build(storyId: string, revision: number, load: () => Promise<StoryState>): Promise<DocumentBytes> {
    const key = `${storyId} ${revision}`;
    const pending = this.building.get(key);
    if (pending !== undefined) return pending.document;
    const built = load().then((state) => {
      const bytes = toDocumentBytes(storyId, state);
      // Kept only if the story was not forgotten (a redaction) while it was built.
      if (this.building.get(key)?.document === built) this.documents.put(bytes);
      return bytes;
    });
    this.building.set(key, { storyId, document: built });
    const forget = () => {
      if (this.building.get(key)?.document === built) this.building.delete(key);
    };
    built.then(forget, forget);
    return built;
  }
}
