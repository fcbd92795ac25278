import { timeWords, type ChangelogItem, type ReaderDevelopment } from '@story-tracker/domain';
import type { PublicStory } from '../queries/get-public-story.query';
import { escapeMarkup as text } from './markup-text';
import { changeAnchor, changelogFeedPath } from './public-paths';
import { READER_PAGE_STYLE } from './reader-page.style';

/**
 * The reader's page of a published story, whole on arrival: the story as it stands in prose (headline,
 * summary, each development in a sentence), then its corrections and updates, newest first. Plain
 * HTML that needs no script; every piece of text is escaped where it is put in.
 */
export function readerPage(view: PublicStory, newsroom: string): string {
  const { story } = view;
  const lastChanged = view.items.length > 0 ? ` Last changed ${time(view.updatedAt)}.` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(story.headline)} · ${text(newsroom)}</title>
<link rel="alternate" type="application/atom+xml" title="Corrections and updates" href="${text(changelogFeedPath(view.storyId))}">
<style>${READER_PAGE_STYLE}</style>
</head>
<body>
<main>
<article>
<header>
<p class="newsroom">${text(newsroom)}</p>
<h1>${text(story.headline)}</h1>
${story.summary.trim() === '' ? '' : `<p class="summary">${text(story.summary)}</p>\n`}<p class="dateline">Published ${time(view.publishedAt)}.${lastChanged}</p>
${story.status === 'archived' ? '<p class="notice">This story is no longer being updated.</p>\n' : ''}</header>
<section aria-labelledby="story-so-far">
<h2 id="story-so-far">The story so far</h2>
${story.developments.length === 0 ? '<p>Nothing has been reported yet.</p>' : story.developments.map(development).join('\n')}
</section>
<section aria-labelledby="corrections-and-updates">
<h2 id="corrections-and-updates">Corrections and updates</h2>
${view.items.length === 0 ? '<p>Nothing has changed since this story was published.</p>' : `<ol class="changes">\n${view.items.map(change).join('\n')}\n</ol>`}
<p><a href="${text(changelogFeedPath(view.storyId))}">Follow the corrections and updates (Atom feed)</a></p>
</section>
</article>
</main>
<footer><p>${text(newsroom)}</p></footer>
</body>
</html>
`;
}

function development({ when, text: sentence }: ReaderDevelopment): string {
  return `<p>${when === undefined ? '' : `<span class="when">${text(when)}:</span> `}${text(sentence)}</p>`;
}

function change(item: ChangelogItem): string {
  return `<li class="change change-${item.kind}" id="${changeAnchor(item.revision)}">${time(item.at)}<p>${text(item.text)}</p></li>`;
}

/** A record time, readable and machine-readable: `<time datetime="…">7 February 2022 at 09:10 UTC</time>`. */
function time(at: string): string {
  return `<time datetime="${text(at)}">${text(timeWords(at))}</time>`;
}
