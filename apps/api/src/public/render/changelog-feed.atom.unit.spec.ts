import { childrenNamed, onlyChild, parseXml, textOf } from '../testing/xml-document';
import { HOSTILE, HOSTILE_AS_READ, publicStory } from '../testing/public-story.fixture';
import { changelogFeed, storyUrn } from './changelog-feed.atom';

const PUBLISHER = { newsroom: 'The Kyiv Ledger', origin: 'news.example.org/story-tracker' };

describe('the changelog as an Atom feed', () => {
  it('has what RFC 4287 requires of a feed and of each entry, ids stable and unique', () => {
    const feed = parseXml(
      changelogFeed(
        publicStory([
          { at: '2022-02-08T10:00:00.000Z', kind: 'correction', revision: 12, text: 'Correction: A. B.', title: 'Correction: A.' },
          { at: '2022-02-07T10:00:00.000Z', kind: 'update', revision: 9 },
        ]),
        PUBLISHER,
      ),
    );
    expect(feed.name).toBe('feed');
    expect(feed.attributes['xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(textOf(onlyChild(feed, 'id'))).toBe('urn:story-tracker:news.example.org/story-tracker:story:russia-ukraine-standoff');
    expect(textOf(onlyChild(feed, 'title'))).toBe('Macron meets Putin: corrections and updates');
    expect(textOf(onlyChild(feed, 'updated'))).toBe('2022-02-08T10:00:00.000Z');
    expect(textOf(onlyChild(onlyChild(feed, 'author'), 'name'))).toBe('The Kyiv Ledger');
    expect(childrenNamed(feed, 'link').map((link) => link.attributes)).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: '/public/stories/russia-ukraine-standoff/changelog.atom' },
      { rel: 'alternate', type: 'text/html', href: '/public/stories/russia-ukraine-standoff' },
    ]);
    const entries = childrenNamed(feed, 'entry');
    expect(entries.map((entry) => textOf(onlyChild(entry, 'id')))).toEqual([
      'urn:story-tracker:news.example.org/story-tracker:story:russia-ukraine-standoff:revision:12',
      'urn:story-tracker:news.example.org/story-tracker:story:russia-ukraine-standoff:revision:9',
    ]);
    const [first] = entries;
    expect(textOf(onlyChild(first!, 'title'))).toBe('Correction: A.');
    expect(textOf(onlyChild(first!, 'updated'))).toBe('2022-02-08T10:00:00.000Z');
    expect(onlyChild(first!, 'content').attributes).toEqual({ type: 'text' });
    expect(textOf(onlyChild(first!, 'content'))).toBe('Correction: A. B.');
    expect(onlyChild(first!, 'category').attributes).toEqual({ term: 'correction' });
    expect(onlyChild(first!, 'link').attributes['href']).toBe('/public/stories/russia-ukraine-standoff#change-12');
  });

  it('is well-formed, and reads back every text as it was, whatever the text holds', () => {
    const hostile = publicStory([{ text: HOSTILE, title: HOSTILE }], { headline: HOSTILE });
    const xml = changelogFeed(hostile, { newsroom: HOSTILE, origin: 'o' });
    expect(xml).not.toContain('<script>');
    const feed = parseXml(xml);
    expect(textOf(onlyChild(feed, 'title'))).toBe(`${HOSTILE_AS_READ}: corrections and updates`);
    expect(textOf(onlyChild(onlyChild(feed, 'author'), 'name'))).toBe(HOSTILE_AS_READ);
    const entry = onlyChild(feed, 'entry');
    expect(textOf(onlyChild(entry, 'title'))).toBe(HOSTILE_AS_READ);
    expect(textOf(onlyChild(entry, 'content'))).toBe(HOSTILE_AS_READ);
  });

  it('has a feed with no entries for a story unchanged since publication, updated at its publication', () => {
    const feed = parseXml(changelogFeed(publicStory(), PUBLISHER));
    expect(childrenNamed(feed, 'entry')).toEqual([]);
    expect(textOf(onlyChild(feed, 'updated'))).toBe('2022-02-07T09:00:00.000Z');
  });

  it('makes URNs of any origin', () => {
    expect(storyUrn('story-tracker/5f1c0e9a2b7d4c83', 'a-story')).toBe('urn:story-tracker:story-tracker/5f1c0e9a2b7d4c83:story:a-story');
    expect(storyUrn('news.example.org:8443/a b?c#d', 'a-story')).toBe('urn:story-tracker:news.example.org%3A8443/a%20b%3Fc%23d:story:a-story');
  });
});

describe('the strict XML reader the tests use', () => {
  it.each([
    ['an unclosed tag', '<feed><id>x</feed>'],
    ['a bare "<"', '<feed>a < b</feed>'],
    ['a bare "&"', '<feed>a & b</feed>'],
    ['an unknown reference', '<feed>&nbsp;</feed>'],
    ['a reference to a control character', '<feed>&#1;</feed>'],
    ['a control character', '<feed>\u0001</feed>'],
    ['an unquoted attribute', '<feed a=b/>'],
    ['a duplicate attribute', '<feed a="1" a="2"/>'],
    ['"<" in an attribute', '<feed a="<"/>'],
    ['text after the root', '<feed/>x'],
    ['two roots', '<feed/><feed/>'],
    ['a comment', '<feed><!-- x --></feed>'],
  ])('refuses %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(SyntaxError);
  });

  it('reads references back', () => {
    expect(textOf(parseXml('<?xml version="1.0" encoding="utf-8"?>\n<a>&lt;&amp;&gt;&quot;&apos;&#65;&#x1F642;</a>'))).toBe(`<&>"'A🙂`);
  });
});
