import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from '@story-tracker/runtime';
import { Clock, IdGenerator, SystemClock, UlidGenerator } from '../common/clock';
import { ExecuteStoryCommandHandler } from './commands/execute-story-command.handler';
import { DevelopmentTypeFinder } from './development-type.finder';
import { DevelopmentTypesController } from './development-types.controller';
import { DocumentBytesCache } from './documents/document-bytes.cache';
import { GetStoryHandler } from './queries/get-story.handler';
import { ListStoriesHandler } from './queries/list-stories.handler';
import { StoryReadsController } from './story-reads.controller';
import { StoryCopies } from '../story-loader/story-copies';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { StoryWritesController } from './story-writes.controller';
import { RedactionFollower } from './redaction/redaction.follower';
import { RedactionService } from './redaction/redaction.service';
import { StoryRedactionsController } from './redaction/story-redactions.controller';

const MIB = 1024 * 1024;

export const STORY_COMMAND_HANDLERS = [ExecuteStoryCommandHandler];
export const STORY_QUERY_HANDLERS = [GetStoryHandler, ListStoriesHandler];

@Module({
  imports: [CqrsModule, StoryLoaderModule],
  controllers: [StoryWritesController, StoryRedactionsController, StoryReadsController, DevelopmentTypesController],
  providers: [
    ...STORY_COMMAND_HANDLERS,
    ...STORY_QUERY_HANDLERS,
    DevelopmentTypeFinder,
    RedactionService,
    RedactionFollower,
    {
      provide: DocumentBytesCache,
      inject: [AppConfig, StoryCopies],
      useFactory: (config: AppConfig, copies: StoryCopies) => {
        const documents = new DocumentBytesCache(config.DOCUMENT_CACHE_MIB * MIB);
        copies.keep(documents);
        return documents;
      },
    },
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: UlidGenerator },
  ],
})
export class StoriesModule {}
