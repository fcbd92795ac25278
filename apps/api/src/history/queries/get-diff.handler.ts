import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { describeEvent, diffDocuments, evolve, toStoryDocument, wordDiff } from '@story-tracker/domain';
import { validationFailed } from '../../errors/api-error';
import { StoryLoader } from '../../story-loader/story-loader.service';
import { GetDiffQuery, type StoryDiff } from './get-diff.query';

@QueryHandler(GetDiffQuery)
export class GetDiffHandler implements IQueryHandler<GetDiffQuery, StoryDiff> {
  constructor(private readonly stories: StoryLoader) {}

  async execute({ storyId, from, to: requestedTo }: GetDiffQuery): Promise<StoryDiff> {
    const to = requestedTo ?? (await this.stories.latest(storyId)).revision;
    if (from >= to) throw validationFailed([{ field: 'from', messages: [`from (${from}) must be lower than to (${to})`] }]);
    const before = await this.stories.stateAt(storyId, from);
    await this.stories.assertRevision(storyId, to);
    // One fold from `from` to `to` gives both the descriptions and the state at `to`.
    const descriptions: string[] = [];
    let after = before;
    for await (const event of this.stories.events(storyId, from + 1, to)) {
      descriptions.push(describeEvent(event, after));
      after = evolve(after, event);
    }
    const [older, newer] = [toStoryDocument(before), toStoryDocument(after)];
    return {
      from,
      to,
      changes: diffDocuments(older, newer),
      descriptions,
      text: {
        ...(older.headline !== newer.headline && { headline: wordDiff(older.headline, newer.headline) }),
        ...(older.summary !== newer.summary && { summary: wordDiff(older.summary, newer.summary) }),
      },
    };
  }
}
