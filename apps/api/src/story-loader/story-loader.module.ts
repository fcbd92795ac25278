import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AssertStoryExistsHandler } from './queries/assert-story-exists.handler';
import { StoryCopies } from './story-copies';
import { StoryLoader } from './story-loader.service';

export const STORY_LOADER_QUERY_HANDLERS = [AssertStoryExistsHandler];

/**
 * Loading a story from its stream: the latest state, the state at a revision or record time, its
 * events, whether it exists. The write path (stories) and the reads (history, changes, audit, live)
 * all load through the one `StoryLoader`, so they share its checkpoints and its per-story queue.
 */
@Module({
  imports: [CqrsModule],
  providers: [StoryLoader, StoryCopies, ...STORY_LOADER_QUERY_HANDLERS],
  exports: [StoryLoader, StoryCopies],
})
export class StoryLoaderModule {}
