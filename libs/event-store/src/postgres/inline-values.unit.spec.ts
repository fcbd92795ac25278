import { inlineValues } from './inline-values';

describe('inlineValues', () => {
  it('writes text, numbers, NULL and arrays as literals, $12 before $1', () => {
    const values = ['a', 2, null, ['x', "it's"], [], 6, 7, 8, 9, 10, 11, 'twelve'];
    expect(inlineValues('SELECT $1::text, $2::integer, $3::text, $4::text[], $5::text[], $12::text', values)).toBe(
      "SELECT 'a'::text, 2::integer, NULL::text, ARRAY['x','it''s']::text[], '{}'::text[], 'twelve'::text",
    );
  });

  it('quotes backslashes and quotes so that no value can end its literal', () => {
    expect(inlineValues('SELECT $1::text', ["\\'; DROP TABLE events; --"])).toBe("SELECT  E'\\\\''; DROP TABLE events; --'::text");
  });

  it('refuses text with a NUL character, which would end the query string', () => {
    expect(() => inlineValues('SELECT $1::text', ['a\u0000b'])).toThrow(TypeError);
  });

  it('refuses a number that is not a whole one', () => {
    expect(() => inlineValues('SELECT $1::integer', [1.5])).toThrow(RangeError);
  });
});
