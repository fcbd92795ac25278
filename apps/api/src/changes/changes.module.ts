import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { ChangeFeedService } from './change-feed.service';
import { ChangesController } from './changes.controller';
import { GetChangesHandler } from './queries/get-changes.handler';

export const CHANGES_QUERY_HANDLERS = [GetChangesHandler];

@Module({
  imports: [CqrsModule, StoryLoaderModule],
  controllers: [ChangesController],
  providers: [ChangeFeedService, ...CHANGES_QUERY_HANDLERS],
  exports: [ChangeFeedService],
})
export class ChangesModule {}
