import { fieldWords, forceCount, formatValue, placePhrase, qualifiedCount, quoted, sourceSuffix, truncate, withoutParentheses } from './format';

describe('description formatting', () => {
  it('writes counts with en-US thousands separators and qualifiers in words', () => {
    expect(qualifiedCount(100_000)).toBe('100,000');
    expect(qualifiedCount(1_250_000, 'more-than')).toBe('more than 1,250,000');
    expect(qualifiedCount(8_500, 'up-to')).toBe('up to 8,500');
  });

  it('puts a frontier "near the", a place "in", and keeps a location that has its own preposition', () => {
    expect(placePhrase('Ukrainian border')).toBe('near the Ukrainian border');
    expect(placePhrase('the Belarusian border')).toBe('near the Belarusian border');
    expect(placePhrase('Moscow')).toBe('in Moscow');
    expect(placePhrase('near Kharkiv')).toBe('near Kharkiv');
    expect(placePhrase('Kremlin, Moscow')).toBe('in the Kremlin, Moscow');
    expect(placePhrase('Netherlands')).toBe('in the Netherlands');
  });

  it('adds "troops" to a count only when the force does not name its unit', () => {
    expect(forceCount(3_000, 'US')).toBe('3,000 US troops');
    expect(forceCount(3_000, 'US troops')).toBe('3,000 US troops');
    expect(forceCount(100, 'Russian battalion tactical groups', 'about')).toBe('about 100 Russian battalion tactical groups');
    expect(forceCount(300, 'NATO personnel')).toBe('300 NATO personnel');
  });

  it('quotes in typographic quotes, with quotation marks inside made single', () => {
    expect(quoted('Dialogue is the only way')).toBe('“Dialogue is the only way”');
    expect(quoted('It could come "any day"')).toBe('“It could come ‘any day’”');
    expect(quoted('A “new balance” for Europe')).toBe('“A ‘new balance’ for Europe”');
  });

  it('never nests parentheses around a source, and leaves out a source already named', () => {
    expect(sourceSuffix({ name: 'US officials (Reuters)' })).toBe(' (US officials, Reuters)');
    expect(sourceSuffix({ name: 'Reuters', url: 'https://reuters.com' })).toBe(' (Reuters)');
    expect(sourceSuffix(undefined)).toBe('');
    expect(sourceSuffix({ name: 'Fox News' }, [undefined, 'Fox News'])).toBe('');
    expect(withoutParentheses('Institute (ISW) analysts (via AP)')).toBe('Institute [ISW] analysts, via AP');
  });

  it('leaves a short text whole and cuts a long one at a word boundary with an ellipsis', () => {
    expect(truncate('Short  text', 20)).toBe('Short text');
    expect(truncate('one two three four five six', 15)).toBe('one two three…');
    expect(truncate('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghij…');
  });

  it('formats field values: absent as none, numbers, lists joined with and, sources', () => {
    expect(formatValue(undefined)).toBe('none');
    expect(formatValue('')).toBe('none');
    expect(formatValue(3_000)).toBe('3,000');
    expect(formatValue(['NATO', 'US'])).toBe('NATO and US');
    expect(formatValue(['NATO', 'US', 'EU'])).toBe('NATO, US and EU');
    expect(formatValue({ name: 'Reuters', url: 'https://reuters.com' })).toBe('Reuters');
  });

  it('writes camelCase field names as words', () => {
    expect(fieldWords('capabilityShare')).toBe('capability share');
    expect(fieldWords('count')).toBe('count');
  });
});
