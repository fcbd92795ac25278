import { Query } from '@nestjs/cqrs';

/**
 * Answers nothing for a story that exists and StoryNotFound otherwise, from the stream's head alone:
 * the pre-flight check of reads that do not fold the story (the live stream of one story).
 */
export class AssertStoryExistsQuery extends Query<void> {
  constructor(readonly storyId: string) {
    super();
  }
}
