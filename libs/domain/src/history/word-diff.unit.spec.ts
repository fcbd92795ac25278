import { toWordDiffParts, wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('marks inserted words between equal ones', () => {
    expect(wordDiff('Russia masses troops near Ukraine', 'Russia masses 100,000 troops near Ukraine')).toEqual([
      { op: 'equal', text: 'Russia masses ' },
      { op: 'insert', text: '100,000 ' },
      { op: 'equal', text: 'troops near Ukraine' },
    ]);
  });

  it('marks a replaced word as a delete then an insert', () => {
    expect(wordDiff('Talks in Geneva', 'Talks in Vienna')).toEqual([
      { op: 'equal', text: 'Talks in ' },
      { op: 'delete', text: 'Geneva' },
      { op: 'insert', text: 'Vienna' },
    ]);
  });

  it('gives one equal part for the same text, and nothing for two empty ones', () => {
    expect(wordDiff('Same words', 'Same words')).toEqual([{ op: 'equal', text: 'Same words' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('gives a whole new text as one insert', () => {
    expect(wordDiff('', 'Talks begin in Geneva')).toEqual([{ op: 'insert', text: 'Talks begin in Geneva' }]);
  });

  it('merges neighbouring parts of the same op and drops empty ones', () => {
    expect(
      toWordDiffParts([
        { added: false, removed: false, value: 'a ' },
        { added: false, removed: false, value: 'b ' },
        { added: true, removed: false, value: '' },
        { added: false, removed: true, value: 'c' },
        { added: false, removed: true, value: ' d' },
        { added: true, removed: false, value: 'e' },
      ]),
    ).toEqual([
      { op: 'equal', text: 'a b ' },
      { op: 'delete', text: 'c d' },
      { op: 'insert', text: 'e' },
    ]);
  });
});
