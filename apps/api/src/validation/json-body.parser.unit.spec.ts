import fc from 'fast-check';
import { type ApiError } from '../errors/api-error';
import { MAX_JSON_DEPTH, parseJsonBody } from './json-body.parser';
import { nestsDeeperThan } from './json-depth';

const parse = (text: string | Buffer) => parseJsonBody(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
const refusal = (text: string | Buffer): ApiError => {
  try {
    parse(text);
  } catch (error) {
    return error as ApiError;
  }
  throw new Error(`${String(text)} was accepted`);
};

describe('parseJsonBody', () => {
  it('parses any JSON value no deeper than the limit exactly as JSON.parse does', () => {
    const safe = fc.jsonValue({ maxDepth: 4 }).filter((value) => !/"(?:__proto__|constructor|prototype|hasOwnProperty|toString|valueOf|isPrototypeOf|propertyIsEnumerable|toLocaleString|__\w+__)"\s*:/.test(JSON.stringify(value)));
    fc.assert(fc.property(safe, (value) => expect(parse(JSON.stringify(value))).toEqual(JSON.parse(JSON.stringify(value)))));
  });

  it('treats an empty or blank body as no body', () => {
    expect(parse('')).toBeUndefined();
    expect(parse(' \n')).toBeUndefined();
  });

  it('counts only brackets outside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${'{'.repeat(100)}"}`, 2)).toBe(false);
    expect(nestsDeeperThan('[[["\\\\"]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[["\\\\"],[[1]]]]', 3)).toBe(true);
  });

  it('refuses nesting beyond the limit before parsing, however deep', () => {
    expect(refusal(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`).code).toBe('JsonTooDeep');
    expect(refusal('['.repeat(500_000)).code).toBe('JsonTooDeep');
    expect(parse(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toEqual(expect.any(Array));
  });

  it('refuses inherited property names at any depth, naming each path', () => {
    const error = refusal('{"a":[{"b":{"constructor":1}},{"__proto__":{}}],"toString":"x"}');
    expect(error.code).toBe('ValidationFailed');
    expect((error.extensions['errors'] as { field: string }[]).map((entry) => entry.field).sort()).toEqual(['a.0.b.constructor', 'a.1.__proto__', 'toString']);
  });

  it('refuses lone surrogates in keys and values, and bytes that are not UTF-8', () => {
    const surrogates = refusal('{"text":"\\ud800","k\\udfff":1}');
    expect((surrogates.extensions['errors'] as { field: string }[]).map((entry) => entry.field).sort()).toEqual(['["k\\udfff"]', 'text']);
    expect(parse('{"text":"\\ud83d\\ude00"}')).toEqual({ text: '\u{1F600}' });
    expect(refusal(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])).code).toBe('MalformedJson');
  });

  it('refuses what is not JSON', () => {
    expect(refusal('{"type": "note", ').code).toBe('MalformedJson');
    expect(refusal("{'a':1}").code).toBe('MalformedJson');
  });
});
