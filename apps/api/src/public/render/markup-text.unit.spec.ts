import { HOSTILE } from '../testing/public-story.fixture';
import { escapeMarkup } from './markup-text';

describe('escapeMarkup', () => {
  it('writes the five markup characters as references', () => {
    expect(escapeMarkup(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves out what no markup can carry, and keeps the rest of the text, pairs of surrogates included', () => {
    expect(escapeMarkup(HOSTILE)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; ]]&gt; &amp;amp;   ok 🙂');
    expect(escapeMarkup('tab\tand\nlines\r\n')).toBe('tab\tand\nlines\r\n');
    expect(escapeMarkup('\uDC00 lone low, \uD83D\uDE42 pair')).toBe(' lone low, 🙂 pair');
  });
});
