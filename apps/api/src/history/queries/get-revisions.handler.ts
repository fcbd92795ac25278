import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { evolve, historyItem, type RevisionHistoryItem } from '@story-tracker/domain';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { GetRevisionsQuery, type RevisionsPage } from './get-revisions.query';

/** Starts from the state just before the page (a checkpoint and a short fold), then describes the page. */
@QueryHandler(GetRevisionsQuery)
export class GetRevisionsHandler implements IQueryHandler<GetRevisionsQuery, RevisionsPage> {
  constructor(private readonly stories: StoryLoader) {}

  async execute({ storyId, from, limit }: GetRevisionsQuery): Promise<RevisionsPage> {
    const latestRevision = (await this.stories.latest(storyId)).revision;
    if (from > latestRevision) return { items: [], nextFrom: null, latestRevision };
    const to = Math.min(from + limit - 1, latestRevision);
    let state = await this.stories.stateAt(storyId, from - 1);
    const items: RevisionHistoryItem[] = [];
    for await (const event of this.stories.events(storyId, from, to)) {
      items.push(historyItem(event, state));
      state = evolve(state, event);
    }
    return { items, nextFrom: to < latestRevision ? to + 1 : null, latestRevision };
  }
}
