import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ChangesModule } from '../changes/changes.module';
import { StoryLoaderModule } from '../story-loader/story-loader.module';
import { LiveController } from './live.controller';
import { LiveSettings } from './live-settings';
import { LiveEventHub } from './live-event-hub';
import { LiveStreams } from './live-streams.service';

/** Server-Sent Event streams of appended events: `GET /stories/{id}/live` and `GET /changes/live`. */
@Module({
  imports: [CqrsModule, ChangesModule, StoryLoaderModule],
  controllers: [LiveController],
  providers: [LiveStreams, LiveSettings, LiveEventHub],
  exports: [LiveSettings, LiveStreams],
})
export class LiveModule {}
