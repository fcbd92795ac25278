import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module';
import { ChangeFeedService } from './change-feed.service';
import { ChangesController } from './changes.controller';

@Module({
  imports: [HistoryModule],
  controllers: [ChangesController],
  providers: [ChangeFeedService],
  exports: [ChangeFeedService],
})
export class ChangesModule {}
