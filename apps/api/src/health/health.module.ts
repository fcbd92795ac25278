import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HealthController } from './health.controller';
import { GetHealthHandler } from './queries/get-health.handler';

/** `GET /health`: liveness, the store in use and the read models' lag. */
@Module({
  imports: [CqrsModule],
  controllers: [HealthController],
  providers: [GetHealthHandler],
})
export class HealthModule {}
