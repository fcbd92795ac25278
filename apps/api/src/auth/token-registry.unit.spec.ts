import { TokenRegistry } from './token-registry';

describe('TokenRegistry', () => {
  const registry = new TokenRegistry([
    { token: 'editor-token-0123456789', actor: 'alice', roles: ['editor'] },
    { token: 'auditor-token-0123456789', actor: 'audrey', roles: ['auditor'] },
  ]);

  it('finds the principal of a known token', () => {
    expect(registry.principalFor('auditor-token-0123456789')).toEqual({ actor: 'audrey', roles: ['auditor'], tokenId: 'token-2' });
    expect(registry.principalFor('editor-token-0123456789')?.tokenId).toBe('token-1');
  });

  it('finds nobody for an unknown token, a prefix of a known one, or an empty one', () => {
    expect(registry.principalFor('editor-token-012345678')).toBeUndefined();
    expect(registry.principalFor('')).toBeUndefined();
  });

  it('finds the same principal again for a token it has matched, and still nobody for a near miss after it', () => {
    const first = registry.principalFor('editor-token-0123456789');
    expect(registry.principalFor('editor-token-0123456789')).toBe(first);
    expect(registry.principalFor('editor-token-0123456788')).toBeUndefined();
    expect(registry.principalFor('editor-token-01234567890')).toBeUndefined();
  });
});
