import type { ChangelogItem } from '@story-tracker/domain';
import type { PublicStory } from '../queries/get-public-story.query';

/** Text that would break markup if it were not escaped: tags, references, both quotes, controls, a lone surrogate. */
export const HOSTILE = `<script>alert("x")</script> & 'quoted' ]]> &amp; \u0001\u0008\u000B\u007F\u0085\uFFFE \uD800 ok 🙂`;
/** HOSTILE as it may appear once escaped and decoded: the characters no markup can carry are gone. */
export const HOSTILE_AS_READ = `<script>alert("x")</script> & 'quoted' ]]> &amp;   ok 🙂`;

export function publicStory(items: readonly Partial<ChangelogItem>[] = [], more: Partial<PublicStory['story']> = {}): PublicStory {
  return {
    storyId: 'russia-ukraine-standoff',
    publishedAt: '2022-02-07T09:00:00.000Z',
    updatedAt: items[0]?.at ?? '2022-02-07T09:00:00.000Z',
    story: { headline: 'Macron meets Putin', summary: 'Talks in Moscow', status: 'published', developments: [], ...more },
    items: items.map((item, index) => ({ at: '2022-02-07T11:30:00.000Z', kind: 'update', text: 'Update: Something.', title: 'Update: Something.', revision: 10 + index, ...item })),
  };
}
