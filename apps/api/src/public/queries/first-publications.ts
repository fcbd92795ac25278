import { Injectable } from '@nestjs/common';
import { StoryLoader } from '../../story-loader/story-loader.service';

/** How many stories' scans are kept: numbers only, a few bytes each. */
const KEPT_STORIES = 4096;

/**
 * The revision of each story's first publication, found once by reading its stream up to it. Events
 * are never rewritten in a way that moves a publication (a redaction changes values, not types), so
 * what was found is kept; for a story not yet published, how far it was read, so the next look reads
 * on from there.
 */
@Injectable()
export class FirstPublications {
  private readonly scans = new Map<string, { readonly readTo: number; readonly published?: number }>();

  constructor(private readonly stories: StoryLoader) {}

  /** The revision of the first `StoryPublished` up to revision `head`, if there is one. */
  async of(storyId: string, head: number): Promise<number | undefined> {
    const known = this.scans.get(storyId) ?? { readTo: 0 };
    if (known.published !== undefined || known.readTo >= head) return known.published;
    let readTo = known.readTo;
    let published: number | undefined;
    for await (const event of this.stories.events(storyId, known.readTo + 1, head)) {
      readTo = event.revision;
      if (event.type === 'StoryPublished') {
        published = event.revision;
        break;
      }
    }
    this.remember(storyId, published === undefined ? { readTo } : { readTo, published });
    return published;
  }

  private remember(storyId: string, scan: { readonly readTo: number; readonly published?: number }): void {
    this.scans.delete(storyId);
    this.scans.set(storyId, scan);
    if (this.scans.size > KEPT_STORIES) this.scans.delete(this.scans.keys().next().value!);
  }
}
