import { createHash } from 'node:crypto';
import { HOSTILE, publicStory } from '../testing/public-story.fixture';
import { readerPage } from './reader-page.html';
import { READER_PAGE_CONTENT_SECURITY_POLICY } from './reader-page.style';

describe('the reader’s page', () => {
  const view = publicStory([{ kind: 'correction', revision: 12, text: 'Correction: An earlier version of this story said 350. It should have said 900.' }], {
    developments: [
      { developmentId: 'p1', when: '6 February 2022', text: '900 British troops were sent to Estonia.' },
      { developmentId: 'h1', text: 'A meeting between Macron and Putin was held in Moscow.' },
    ],
  });

  it('tells the story in prose, then its changes, each with an anchor, and links to the feed', () => {
    const html = readerPage(view, 'The Kyiv Ledger');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<h1>Macron meets Putin</h1>');
    expect(html).toContain('<p class="summary">Talks in Moscow</p>');
    expect(html).toContain('<p><span class="when">6 February 2022:</span> 900 British troops were sent to Estonia.</p>');
    expect(html).toContain('<p>A meeting between Macron and Putin was held in Moscow.</p>');
    expect(html).toContain(
      '<li class="change change-correction" id="change-12"><time datetime="2022-02-07T11:30:00.000Z">7 February 2022 at 11:30 UTC</time><p>Correction: An earlier version of this story said 350. It should have said 900.</p></li>',
    );
    expect(html).toContain('href="/public/stories/russia-ukraine-standoff/changelog.atom"');
    expect(html).toContain('Published <time datetime="2022-02-07T09:00:00.000Z">7 February 2022 at 09:00 UTC</time>. Last changed');
  });

  it('says when nothing has changed, and when the story is no longer updated', () => {
    const html = readerPage(publicStory([], { status: 'archived', summary: '' }), 'N');
    expect(html).toContain('<p>Nothing has changed since this story was published.</p>');
    expect(html).toContain('<p class="notice">This story is no longer being updated.</p>');
    expect(html).toContain('<p>Nothing has been reported yet.</p>');
    expect(html).not.toContain('class="summary"');
  });

  it('escapes every text, and holds no script', () => {
    const html = readerPage(publicStory([{ text: HOSTILE }], { headline: HOSTILE, summary: HOSTILE, developments: [{ developmentId: 'x', when: HOSTILE, text: HOSTILE }] }), HOSTILE);
    expect(html).not.toMatch(/<script|\u0001|\uFFFE/i);
    expect(html.match(/&lt;script&gt;/g)).toHaveLength(9); // title (twice), newsroom, h1, summary, when, development, change, footer
  });

  it('allows by its policy exactly the one inline style it has, and nothing else', () => {
    const html = readerPage(view, 'N');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, css]) => css!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!, 'utf8').digest('base64');
    expect(READER_PAGE_CONTENT_SECURITY_POLICY).toBe(`default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
    expect(html).not.toMatch(/ style=| on[a-z]+=|<link rel="stylesheet"|<img|<iframe/);
  });
});
