import { Module } from '@nestjs/common';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { ChangeFeedService } from './change-feed.service';
import { ChangesController } from './changes.controller';

@Module({
  imports: [StoryLoaderModule],
  controllers: [ChangesController],
  providers: [ChangeFeedService],
  exports: [ChangeFeedService],
})
export class ChangesModule {}
