import type { PublicStory } from '../queries/get-public-story.query';
import { escapeMarkup } from './markup-text';
import { changeAnchor, changelogFeedPath, readerPagePath } from './public-paths';

/** Who publishes the feed: the newsroom's name (its author) and the name that makes its ids its own. */
export interface FeedPublisher {
  readonly newsroom: string;
  /** The verifiable log's origin (LOG_ORIGIN), stable for as long as the store is. */
  readonly origin: string;
}

/**
 * The feed id of a story: `urn:story-tracker:<origin>:story:<id>`, the origin percent-encoded as an
 * RFC 8141 name needs ("/" may stay). Built from what never changes, so feed readers never see an
 * entry twice; a newsroom's name is not in it, since a name may change.
 */
export function storyUrn(origin: string, storyId: string): string {
  return `urn:story-tracker:${encodeURIComponent(origin).replace(/%2F/gi, '/')}:story:${encodeURIComponent(storyId)}`;
}

/** The entry id of the change made at a revision: the story's URN and the revision, never reused. */
export function changeUrn(origin: string, storyId: string, revision: number): string {
  return `${storyUrn(origin, storyId)}:revision:${revision}`;
}

/**
 * The readers' changelog as an Atom 1.0 feed (RFC 4287): the feed's id, title, updated, author and
 * links; one entry per change, newest first, with its id, title, updated, category (the kind) and its
 * text as content. Links are relative to the feed's own address (RFC 4287 §4.2.7 takes IRI
 * references), so they hold behind any proxy and no Host header is trusted.
 */
export function changelogFeed(view: PublicStory, publisher: FeedPublisher): string {
  const page = readerPagePath(view.storyId);
  const entries = view.items.map(
    (item) => `  <entry>
    <id>${escapeMarkup(changeUrn(publisher.origin, view.storyId, item.revision))}</id>
    <title>${escapeMarkup(item.title)}</title>
    <updated>${escapeMarkup(item.at)}</updated>
    <published>${escapeMarkup(item.at)}</published>
    <category term="${item.kind}"/>
    <link rel="alternate" type="text/html" href="${escapeMarkup(`${page}#${changeAnchor(item.revision)}`)}"/>
    <content type="text">${escapeMarkup(item.text)}</content>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>${escapeMarkup(storyUrn(publisher.origin, view.storyId))}</id>
  <title>${escapeMarkup(`${view.story.headline}: corrections and updates`)}</title>
  <subtitle>What changed in this story after it was published</subtitle>
  <updated>${escapeMarkup(view.updatedAt)}</updated>
  <author>
    <name>${escapeMarkup(publisher.newsroom)}</name>
  </author>
  <link rel="self" type="application/atom+xml" href="${escapeMarkup(changelogFeedPath(view.storyId))}"/>
  <link rel="alternate" type="text/html" href="${escapeMarkup(page)}"/>
${entries.join('')}</feed>
`;
}
