/** Where readers find a story: its page and its feed (links between them, and the feed's own). */
export const readerPagePath = (storyId: string) => `/public/stories/${encodeURIComponent(storyId)}`;
export const changelogFeedPath = (storyId: string) => `${readerPagePath(storyId)}/changelog.atom`;
/** The anchor of one change on the page, by the revision that made it. */
export const changeAnchor = (revision: number) => `change-${revision}`;
