import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Clock, IdGenerator, SystemClock, UlidGenerator } from '../common/clock';
import { ExecuteStoryCommandHandler } from './commands/execute-story-command.handler';
import { DevelopmentTypeFinder } from './development-type.finder';
import { DevelopmentTypesController } from './development-types.controller';
import { GetStoryHandler } from './queries/get-story.handler';
import { ListStoriesHandler } from './queries/list-stories.handler';
import { StoryReadsController } from './story-reads.controller';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { StoryWritesController } from './story-writes.controller';

export const STORY_COMMAND_HANDLERS = [ExecuteStoryCommandHandler];
export const STORY_QUERY_HANDLERS = [GetStoryHandler, ListStoriesHandler];

@Module({
  imports: [CqrsModule, StoryLoaderModule],
  controllers: [StoryWritesController, StoryReadsController, DevelopmentTypesController],
  providers: [
    ...STORY_COMMAND_HANDLERS,
    ...STORY_QUERY_HANDLERS,
    DevelopmentTypeFinder,
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: UlidGenerator },
  ],
})
export class StoriesModule {}
