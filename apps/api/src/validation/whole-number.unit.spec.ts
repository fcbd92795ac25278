import fc from 'fast-check';
import { parseWholeNumber } from './whole-number';

describe('parseWholeNumber', () => {
  it('reads every whole number of up to 15 digits written as plain decimal digits', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (number) => expect(parseWholeNumber(String(number))).toBe(number)));
  });

  it('refuses any other way of writing a number', () => {
    for (const text of ['0x10', '1e1', '+3', ' 3', '3 ', '03', '00', '1.0', '-1', '\u0663', '\uff13', 'Infinity', '', '1_000', '1000000000000000']) expect(parseWholeNumber(text)).toBeUndefined();
    fc.assert(fc.property(fc.string(), (text) => {
      const parsed = parseWholeNumber(text);
      if (parsed !== undefined) expect(String(parsed)).toBe(text);
    }));
  });
});
