import fc from 'fast-check';
import { nameKey, normalizeText, textProblem } from './text-rules';

describe('text rules', () => {
  it('keeps text in NFC, and prose line ends as LF', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => expect(normalizeText(text, 'line')).toBe(text.normalize('NFC'))));
    expect(normalizeText('Cafe\u0301\r\nnext', 'prose')).toBe('Caf\u00e9\nnext');
    expect(normalizeText('a\r\nb', 'line')).toBe('a\r\nb');
  });

  it('accepts printable text of any script, tab and newline in prose only', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 1 }).filter((text) => /^[\p{L}\p{N}\p{P}\p{S}]+$/u.test(text)), (text) => expect(textProblem(text, 'line')).toBeUndefined()));
    expect(textProblem('line one\n\tline two', 'prose')).toBeUndefined();
    expect(textProblem('line one\nline two', 'line')).toMatch(/line breaks/);
    expect(textProblem('name\twith tab', 'line')).toMatch(/tabs/);
  });

  it('refuses every C0 control but tab and LF in prose, DEL, C1 controls and lone surrogates', () => {
    const forbidden = [...Array.from({ length: 0x20 }, (_, code) => code).filter((code) => code !== 0x09 && code !== 0x0a), 0x7f, ...Array.from({ length: 0x20 }, (_, offset) => 0x80 + offset)];
    for (const code of forbidden) {
      expect(textProblem(`a${String.fromCharCode(code)}b`, 'prose')).toMatch(/control characters/);
      expect(textProblem(`a${String.fromCharCode(code)}b`, 'line')).toMatch(/control characters/);
    }
    expect(textProblem('\ud800', 'line')).toMatch(/lone surrogate/);
    expect(textProblem('a\udc00', 'prose')).toMatch(/lone surrogate/);
    expect(textProblem('\ud83d\ude00', 'line')).toBeUndefined();
  });

  it('refuses blank text, and empty text unless it may be empty', () => {
    for (const blank of ['', ' ', '\u00a0\u3000', '\ufeff']) expect(textProblem(blank, 'line')).toMatch(/blank/);
    expect(textProblem('', 'prose', { allowEmpty: true })).toBeUndefined();
    expect(textProblem('  ', 'prose', { allowEmpty: true })).toMatch(/whitespace/);
  });

  it('sees the same name in different case, spacing or normalisation as one', () => {
    expect(nameKey(' Vladimir  Putin ')).toBe(nameKey('vladimir putin'));
    expect(nameKey('Caf\u00e9')).toBe(nameKey('Cafe\u0301'));
    expect(nameKey('Macron')).not.toBe(nameKey('Macro n'));
  });
});
