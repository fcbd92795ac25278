import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { FirstPublications } from './queries/first-publications';
import { GetPublicStoryHandler } from './queries/get-public-story.handler';
import { PublicStoriesController } from './public-stories.controller';

export const PUBLIC_QUERY_HANDLERS = [GetPublicStoryHandler];

/** What readers see without a token (`/public/…`): the changelog of published stories and their page. */
@Module({
  imports: [CqrsModule, StoryLoaderModule],
  controllers: [PublicStoriesController],
  providers: [...PUBLIC_QUERY_HANDLERS, FirstPublications],
})
export class PublicModule {}
