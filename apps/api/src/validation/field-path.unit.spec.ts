import { fieldPath } from './field-path';

describe('fieldPath', () => {
  it('dots plain keys and indices, and quotes every other key so that it cannot pass for a nested field', () => {
    expect(fieldPath(undefined, 'count')).toBe('count');
    expect(fieldPath('source', 'url')).toBe('source.url');
    expect(fieldPath('participants', '1')).toBe('participants.1');
    expect(fieldPath(undefined, 'source.name')).toBe('["source.name"]');
    expect(fieldPath('changes', 'count ')).toBe('changes["count "]');
    expect(fieldPath('changes', '')).toBe('changes[""]');
    expect(fieldPath(undefined, 'a"b')).toBe('["a\\"b"]');
  });
});
