/**
 * A whole number as this API reads one from text (query parameters, If-Match, Last-Event-ID): decimal
 * digits only, no sign, no exponent, no `0x`, no leading zero, no space, at most 15 digits (so it is
 * exact as a JavaScript number). `16`, never `0x10`, `1.6e1`, `+16`, ` 16` or `016`: one way to write
 * each number, so that two clients asking for the same thing send the same text.
 */
export const WHOLE_NUMBER = /^(?:0|[1-9][0-9]{0,14})$/;

export const WHOLE_NUMBER_RULE = 'a whole number in plain decimal digits (no sign, exponent, leading zero or space)';

export function parseWholeNumber(text: string): number | undefined {
  return WHOLE_NUMBER.test(text) ? Number(text) : undefined;
}
