import { Injectable } from '@nestjs/common';
import { StoryLoader } from './story-loader.service';

/** Something that keeps copies made from a story's values, and can drop them (or make them again from the events as they now are). */
export interface StoryCopyKeeper {
  forgetStory(storyId: string): void | Promise<void>;
}

/**
 * Every copy this instance keeps of what a story says: the loader's states (at every checkpoint) and
 * snapshots, and whatever registers here (state documents and those being built, live descriptions,
 * alerts' words). A redaction forgets the story in all of them at once (RedactionService on this
 * instance, RedactionFollower on the others): the events' hashes do not change, so nothing else would
 * ever refuse a copy made before it. A cache of anything derived from a story's values must register,
 * or it goes on serving the values redacted.
 */
@Injectable()
export class StoryCopies {
  private readonly keepers = new Set<StoryCopyKeeper>();

  constructor(private readonly stories: StoryLoader) {}

  keep(keeper: StoryCopyKeeper): void {
    this.keepers.add(keeper);
  }

  /** The loader first: what the keepers make again (alerts' words) is then folded from the events as they now are. */
  async forget(storyId: string): Promise<void> {
    await this.stories.forget(storyId);
    for (const keeper of this.keepers) await keeper.forgetStory(storyId);
  }
}
