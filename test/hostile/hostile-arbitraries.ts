import fc from 'fast-check';

/**
 * Generators of hostile input, one per class the API must refuse with a 4xx. Each value is hostile
 * wherever it is put (no generator can produce something valid by chance), so a fuzz test may insist
 * that nothing at all was appended.
 */

/** Characters no text field keeps: C0 controls but tab, LF and CR, DEL, C1 controls. */
const controlChar = fc
  .oneof(fc.integer({ min: 0x00, max: 0x08 }), fc.integer({ min: 0x0b, max: 0x0c }), fc.integer({ min: 0x0e, max: 0x1f }), fc.constant(0x7f), fc.integer({ min: 0x80, max: 0x9f }))
  .map((code) => String.fromCharCode(code));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const plain = fc.string({ maxLength: 12 });

/** Text with a control character or a lone surrogate in it, or nothing but whitespace. */
export const hostileText = fc.oneof(
  fc.tuple(plain, fc.oneof(controlChar, loneSurrogate), plain).map(([before, bad, after]) => `${before}${bad}${after}`),
  fc.constantFrom(' ', '   ', '\u00a0', '\u3000 \u2003', '\ufeff'),
);

/**
 * JSON number texts no count or share accepts: huge, beyond exact integers, infinite once parsed,
 * negative, or above MAX.count. Written as text, since JSON.stringify could not write most of them.
 */
export const hostileNumberText = fc.oneof(
  fc.constantFrom('1e308', '-1e308', '1E+308', '1e400', '-1e400', '9007199254740993', '9007199254740992', '123456789012345678901234567890', '10000001', '2e9', '-1', '-0.5'),
  fc.bigInt({ min: 10_000_001n, max: 10n ** 40n }).map(String),
  fc.double({ min: -1e300, max: -Number.MIN_VALUE, noNaN: true }).map(String),
);

/** Times ISO 8601 has but Date cannot read: week dates, ordinal dates, the basic format. */
export const unreadableTime = fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 52 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 365 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).chain(([year, week, weekday, ordinal, month, day]) => {
  const two = (n: number) => String(n).padStart(2, '0');
  return fc.constantFrom(`${year}-W${two(week)}`, `${year}-W${two(week)}-${weekday}`, `${year}-${String(ordinal).padStart(3, '0')}`, `${year}${two(month)}${two(day)}`, `${year}${two(month)}${two(day)}T120000Z`);
});

/** Objects or arrays nested deeper than the parser allows, as JSON text. */
export const deepJsonText = fc.tuple(fc.integer({ min: 17, max: 12_000 }), fc.constantFrom('array', 'object', 'mixed')).map(([depth, kind]) => {
  const open = kind === 'array' ? '[' : kind === 'object' ? '{"a":' : '[{"a":';
  const close = kind === 'array' ? ']' : kind === 'object' ? '}' : '}]';
  const levels = kind === 'mixed' ? Math.ceil(depth / 2) : depth;
  return `${open.repeat(levels)}1${close.repeat(levels)}`;
});

/** Names objects inherit, and `prototype`. */
export const PROTOTYPE_KEYS = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'] as const;
export const prototypeKey = fc.constantFrom(...PROTOTYPE_KEYS);

/** Keys that look like paths or like a field with a twist: none is a field of any body. */
export const ambiguousKey = fc.oneof(
  fc.constantFrom('source.name', 'changes.count', 'count.', '.count', 'count[0]', 'tags[]', 'a/b', '~1', 'count ', ' count', 'COUNT', 'c\u200bount', '\u0441ount', 'count\u0000', '', '%63ount'),
  fc
    .tuple(fc.constantFrom('count', 'source', 'name', 'changes', 'headline', 'tags'), fc.constantFrom('.', '[', ']', '/', '\\', '~', '..', '[0]', '%2E', '\u0000', '\t'), fc.constantFrom('', 'name', 'count', '0', 'url'))
    .map(([field, separator, rest]) => `${field}${separator}${rest}`),
);

/** Byte sequences that are not UTF-8 (stray continuation bytes, overlong forms, encoded surrogates, beyond U+10FFFF, truncated). */
export const invalidUtf8 = fc
  .constantFrom([0xff], [0xfe], [0x80], [0xc3, 0x28], [0xa0, 0xa1], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc2])
  .map((bytes) => Buffer.from(bytes));

/** Ways to write a number that are not plain decimal digits, or not a whole number at all. */
export const nonDecimalNumber = fc.oneof(
  fc.constantFrom('0x10', '0X1', '1e1', '1E1', '+3', ' 3', '3 ', '03', '00', '1.0', '1.', '.5', '-1', '-0', '\u0663', '\uff13', 'Infinity', 'NaN', '', '0b1', '0o7', '1_000', '1,000', '10000000000000000', '2\u00a0'),
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom('e2', '.0', 'x', ' ', '%', '\u0000', 'n')).map(([number, junk]) => `${number}${junk}`),
);

/** Query parameters that carry a credential. */
export const credentialParameter = fc.constantFrom('access_token', 'token', 'ACCESS_TOKEN', 'Token', 'api_key', 'id_token');

/** Percent-encoding that does not decode to UTF-8. */
export const brokenPercentEncoding = fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%C3', '%ED%A0%80', '%FF', '%C0%AF', 'abc%2');

/** Story ids that can never be a slug, percent-encoded as a client would send them (some too long for the router). */
export const hostileStoryId = fc.oneof(
  fc.constantFrom('%00', '..', '%2e%2e', 'A', 'Upper-Case', 'ab', '-abc', 'abc-', 'a--b', '%20abc', 'caf%C3%A9', '%F0%9F%92%A9', 'a'.repeat(81), 'x'.repeat(150), '%E0%A4%A', '%'),
  hostileText.map((text) => percentEncode(text)),
);

/** Development ids no story has. */
export const hostileDevelopmentId = fc.oneof(fc.constantFrom('01JZ0000000000000000000000', '%00', '..', 'x'.repeat(120), '%FF'), hostileText.map((text) => percentEncode(text)));

/** If-Match values that are not a revision as ETag writes it. */
export const hostileIfMatch = fc.oneof(fc.constantFrom('"0x1"', '"1e1"', '"+1"', '"01"', 'W/"abc"', '"1.0"', '""', '"-1"', '"1, 2"', 'W/', '"\u00ff"'), nonDecimalNumber.filter((text) => text.trim() !== '' && !/[\u0000\u00a0]/.test(text)).map((text) => `"${text}"`));

/** Idempotency keys that are empty, too long or not printable ASCII. */
export const hostileIdempotencyKey = fc.oneof(fc.constantFrom('\u00e9t\u00e9', 'k\u00ff', '\u0080'), fc.integer({ min: 201, max: 2000 }).map((length) => 'k'.repeat(length)));

/** X-Edit-Summary values (as Latin-1 header bytes) with a C1 control character after ASCII, or too long. */
export const hostileEditSummary = fc.oneof(
  fc.tuple(fc.string({ maxLength: 10 }).filter((text) => !/[^\x20-\x7e]/.test(text)), fc.integer({ min: 0x80, max: 0x9f })).map(([text, c1]) => `${text}a${String.fromCharCode(c1)}`),
  fc.integer({ min: 501, max: 3000 }).map((length) => 's'.repeat(length)),
);

/** Header values with bytes Node's HTTP parser refuses (controls other than tab). */
export const controlHeaderValue = fc.tuple(fc.constantFrom(0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x7f), fc.constantFrom('x-edit-summary', 'if-match', 'idempotency-key', 'last-event-id', 'x-anything')).map(([byte, name]) => Buffer.concat([Buffer.from(`${name}: a`, 'latin1'), Buffer.from([byte]), Buffer.from('b', 'latin1')]));

/** Headers any route may read (caching, ranges, negotiation), with values from garbage to hostile. */
export const anyHeader = fc.record({
  name: fc.constantFrom('range', 'if-none-match', 'if-modified-since', 'if-range', 'if-match', 'accept', 'accept-encoding', 'accept-language', 'content-type', 'x-request-id', 'cookie', 'origin', 'referer', 'last-event-id'),
  value: fc.oneof(
    fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((code) => code !== 0x7f).map((code) => String.fromCharCode(code)), maxLength: 60 }),
    fc.constantFrom('bytes=abc', 'bytes=-1', 'bytes=0-0,-1', `bytes=${'0-1,'.repeat(500)}0-1`, 'bytes=99999999999999999999-', '*', 'W/"', '""', 'text/event-stream', 'application/x-ndjson', 'gzip;q=x, br;q=1e9', 'application/json; charset=ebcdic'),
  ),
});

/** Methods the route does not serve, some that Node's parser does not know at all. */
export const otherMethod = fc.constantFrom('PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH', 'PURGE', 'M-SEARCH', 'FOO', 'get', 'BREW', 'CONNECT');

/** Percent-encodes every character that is not unreserved, lone surrogates as the bytes of their CESU-8 form (which do not decode). */
export function percentEncode(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (code >= 0xd800 && code <= 0xdfff) return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      return /[A-Za-z0-9\-._~]/.test(char) ? char : encodeURIComponent(char);
    })
    .join('');
}
