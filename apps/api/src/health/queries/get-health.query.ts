import { Query } from '@nestjs/cqrs';

export type HealthReport =
  | { status: 'ok'; eventStore: string; projections: { position: number; lag: number } }
  | { status: 'degraded'; eventStore: string; problem: string; projections: { position: number } };

/** Whether the event store answers, which one is in use, and how far the read models lag behind it. */
export class GetHealthQuery extends Query<HealthReport> {}
