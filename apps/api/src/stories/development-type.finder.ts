import { Injectable } from '@nestjs/common';
import { DomainError, type DevelopmentType } from '@story-tracker/domain';
import { StoryLoader } from '../story-loader/story-loader.service';

/** The type of a development on record, so that a correction's fields can be validated against it. */
@Injectable()
export class DevelopmentTypeFinder {
  constructor(private readonly stories: StoryLoader) {}

  async find(storyId: string, developmentId: string): Promise<DevelopmentType> {
    const state = await this.stories.latest(storyId);
    const record = state.developments.get(developmentId);
    if (!record) throw new DomainError('DevelopmentNotFound', `No development ${developmentId} in story ${storyId}`, { developmentId });
    return record.development.type;
  }
}
