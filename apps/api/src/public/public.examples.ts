/** Examples of the readers' answers, from a story like the demo's. */
export const CHANGELOG_EXAMPLE = {
  storyId: 'russia-ukraine-standoff',
  headline: 'Macron meets Putin in Moscow',
  items: [
    { at: '2022-02-08T07:40:00.000Z', kind: 'update', text: 'Update: The headline was changed from “Macron heads to Moscow” to “Macron meets Putin in Moscow”.' },
    { at: '2022-02-07T21:15:00.000Z', kind: 'update', text: 'Update: A meeting between Macron and Putin was held in Moscow (outcome: Talks lasted more than five hours).' },
    {
      at: '2022-02-07T16:05:00.000Z',
      kind: 'retraction',
      text: 'Retraction: An earlier version of this story said Russia had more than 100,000 troops in Belarus, according to a Kyiv daily. It has been withdrawn. The report could not be confirmed.',
    },
    {
      at: '2022-02-07T11:30:00.000Z',
      kind: 'correction',
      text: 'Correction: An earlier version of this story said 350 British troops were sent to Estonia. It should have said 900 British troops were sent to Estonia. The Ministry of Defence says 900.',
    },
  ],
};

export const CHANGELOG_FEED_EXAMPLE = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>urn:story-tracker:news.example.org/story-tracker:story:russia-ukraine-standoff</id>
  <title>Macron meets Putin in Moscow: corrections and updates</title>
  <subtitle>What changed in this story after it was published</subtitle>
  <updated>2022-02-07T11:30:00.000Z</updated>
  <author>
    <name>Story Tracker newsroom</name>
  </author>
  <link rel="self" type="application/atom+xml" href="/public/stories/russia-ukraine-standoff/changelog.atom"/>
  <link rel="alternate" type="text/html" href="/public/stories/russia-ukraine-standoff"/>
  <entry>
    <id>urn:story-tracker:news.example.org/story-tracker:story:russia-ukraine-standoff:revision:21</id>
    <title>Correction: An earlier version of this story said 350 British troops were sent to Estonia.</title>
    <updated>2022-02-07T11:30:00.000Z</updated>
    <published>2022-02-07T11:30:00.000Z</published>
    <category term="correction"/>
    <link rel="alternate" type="text/html" href="/public/stories/russia-ukraine-standoff#change-21"/>
    <content type="text">Correction: An earlier version of this story said 350 British troops were sent to Estonia. It should have said 900 British troops were sent to Estonia. The Ministry of Defence says 900.</content>
  </entry>
</feed>
`;

export const READER_PAGE_EXAMPLE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Macron meets Putin in Moscow · Story Tracker newsroom</title><style>…</style></head>
<body><main><article>
<header><p class="newsroom">Story Tracker newsroom</p><h1>Macron meets Putin in Moscow</h1>
<p class="dateline">Published <time datetime="2022-02-07T09:00:00.000Z">7 February 2022 at 09:00 UTC</time>.</p></header>
<section><h2 id="story-so-far">The story so far</h2>
<p><span class="when">6 February 2022:</span> Russia had more than 100,000 troops near the Ukrainian border, according to US officials.</p></section>
<section><h2 id="corrections-and-updates">Corrections and updates</h2><ol class="changes">
<li class="change change-correction" id="change-21"><time datetime="2022-02-07T11:30:00.000Z">7 February 2022 at 11:30 UTC</time><p>Correction: An earlier version of this story said 350 British troops were sent to Estonia. …</p></li>
</ol></section>
</article></main></body>
</html>
`;
