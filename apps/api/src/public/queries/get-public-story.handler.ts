import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { changelogAfter, DomainError, readerStory, type RecordedStoryEvent } from '@story-tracker/domain';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { FirstPublications } from './first-publications';
import { GetPublicStoryQuery, type PublicStory } from './get-public-story.query';

/**
 * Starts from the story as it stood at its first publication (a checkpoint or snapshot of the loader,
 * never a fold from the start) and words each event after it, so a read costs what it answers. The
 * states and events come from the store after any redaction erased them, and the domain applies each
 * redaction once more to the events it words.
 */
@QueryHandler(GetPublicStoryQuery)
export class GetPublicStoryHandler implements IQueryHandler<GetPublicStoryQuery, PublicStory> {
  constructor(
    private readonly stories: StoryLoader,
    private readonly publications: FirstPublications,
  ) {}

  async execute({ storyId }: GetPublicStoryQuery): Promise<PublicStory> {
    const head = await this.stories.current(storyId);
    if (!head.exists || head.status === 'draft') throw notPublished(storyId);
    const published = await this.publications.of(storyId, head.revision);
    if (published === undefined) throw notPublished(storyId);
    const atPublication = await this.stories.stateAt(storyId, published);
    const after: RecordedStoryEvent[] = [];
    if (head.revision > published) for await (const event of this.stories.events(storyId, published + 1, head.revision)) after.push(event);
    const { items, state } = changelogAfter(atPublication, after);
    return {
      storyId,
      publishedAt: atPublication.updatedAt,
      updatedAt: items[0]?.at ?? atPublication.updatedAt,
      story: readerStory(state),
      items,
    };
  }
}

/** The same answer for a draft as for no story at all: readers cannot tell that a draft exists. */
function notPublished(storyId: string): DomainError {
  return new DomainError('StoryNotFound', `No published story ${storyId}`, { storyId });
}
