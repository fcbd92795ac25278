import { headerText } from './header-text';

/** Node hands header bytes over as Latin-1 characters, one per byte. */
const asNodeGivesIt = (bytes: Buffer) => bytes.toString('latin1');

describe('headerText', () => {
  it('reads UTF-8 bytes as UTF-8 and other bytes as Latin-1', () => {
    expect(headerText(asNodeGivesIt(Buffer.from('R\u00e9sum\u00e9 \u2013 \u4e2d', 'utf8')))).toBe('R\u00e9sum\u00e9 \u2013 \u4e2d');
    expect(headerText(asNodeGivesIt(Buffer.from('R\u00e9sum\u00e9', 'latin1')))).toBe('R\u00e9sum\u00e9');
    expect(headerText('plain ascii')).toBe('plain ascii');
  });
});
