import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { auditStory, type StoryAudit } from '@story-tracker/audit';
import type { EventStore } from '@story-tracker/event-store';
import { EVENT_STORE } from '@story-tracker/runtime';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { GetAuditQuery } from './get-audit.query';

@QueryHandler(GetAuditQuery)
export class GetAuditHandler implements IQueryHandler<GetAuditQuery, StoryAudit> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly stories: StoryLoader,
  ) {}

  async execute({ storyId }: GetAuditQuery): Promise<StoryAudit> {
    await this.stories.assertExists(storyId);
    return auditStory(this.store, storyId);
  }
}
