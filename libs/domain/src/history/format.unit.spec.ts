import { fieldWords, formatValue, lastName, placePhrase, qualifiedCount, truncate } from './format';

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
  });

  it('takes the last word of a name', () => {
    expect(lastName('Emmanuel Macron')).toBe('Macron');
    expect(lastName(' Putin ')).toBe('Putin');
  });

  it('leaves a short text whole and cuts a long one at a word boundary with an ellipsis', () => {
    expect(truncate('Short  text', 20)).toBe('Short text');
    expect(truncate('one two three four five six', 15)).toBe('one two three…');
    expect(truncate('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghij…');
  });

  it('formats field values: absent as none, numbers, lists, sources', () => {
    expect(formatValue(undefined)).toBe('none');
    expect(formatValue('')).toBe('none');
    expect(formatValue(3_000)).toBe('3,000');
    expect(formatValue(['NATO', 'US'])).toBe('NATO, US');
    expect(formatValue({ name: 'Reuters', url: 'https://reuters.com' })).toBe('Reuters');
  });

  it('writes camelCase field names as words', () => {
    expect(fieldWords('capabilityShare')).toBe('capability share');
    expect(fieldWords('count')).toBe('count');
  });
});
