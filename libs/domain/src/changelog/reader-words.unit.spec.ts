import { asWritten, forReaders, REMOVED_DETAIL, sentence, timeWords, whenWords } from './reader-words';

describe('readers’ words', () => {
  it.each([
    ['2022', '2022', 'in 2022'],
    ['2022-02', 'February 2022', 'in February 2022'],
    ['2022-02-07', '7 February 2022', 'on 7 February 2022'],
    ['2022-02-07T13:00Z', '7 February 2022 at 13:00 UTC', 'on 7 February 2022 at 13:00 UTC'],
    ['2022-02-08T01:30:00+03:00', '7 February 2022 at 22:30 UTC', 'on 7 February 2022 at 22:30 UTC'],
    ['soon', 'soon', 'on soon'],
  ])('reads the time %s as "%s"', (time, words, when) => {
    expect(timeWords(time)).toBe(words);
    expect(whenWords(time)).toBe(when);
  });

  it('keeps the editor’s reason as written, with a capital and a full stop only where it lacks them', () => {
    expect(asWritten('the Ministry of Defence says 900')).toBe('The Ministry of Defence says 900.');
    expect(asWritten('Is it 900?')).toBe('Is it 900?');
    expect(asWritten('  Said “900.”  ')).toBe('Said “900.”');
    expect(asWritten('Two\nlines')).toBe('Two lines.');
  });

  it('makes sentences of clauses', () => {
    expect(sentence('the United States rejected it')).toBe('The United States rejected it.');
    expect(sentence('Why?')).toBe('Why?');
  });

  it('never lets "[redacted]" through, wherever it stood', () => {
    expect(forReaders('in [redacted], according to [redacted]')).toBe(`in ${REMOVED_DETAIL}, according to ${REMOVED_DETAIL}`);
  });
});
