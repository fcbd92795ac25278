import { hash, timingSafeEqual } from 'node:crypto';
import type { Principal, Role } from './roles';

export interface TokenGrant {
  readonly token: string;
  readonly actor: string;
  readonly roles: readonly Role[];
}

/**
 * Finds the principal for a bearer token. Tokens are compared as SHA-256 digests with
 * `timingSafeEqual`, and every known token is compared, so timing tells nothing about which one
 * nearly matched. A token that has matched is remembered for its next requests (the digest was a
 * tenth of a cached read's CPU): only a known token ever gets in, so there is at most one entry per
 * grant, and a hit tells the caller only that the token is valid, which the answer says anyway. Any
 * other token still goes through every digest comparison.
 */
export class TokenRegistry {
  private readonly grants: { digest: Buffer; principal: Principal }[];
  private readonly matched = new Map<string, Principal>();

  constructor(grants: readonly TokenGrant[]) {
    this.grants = grants.map(({ token, actor, roles }, index) => ({ digest: digestOf(token), principal: { actor, roles, tokenId: `token-${index + 1}` } }));
  }

  principalFor(token: string): Principal | undefined {
    const known = this.matched.get(token);
    if (known !== undefined) return known;
    const digest = digestOf(token);
    let found: Principal | undefined;
    for (const grant of this.grants) {
      if (timingSafeEqual(grant.digest, digest)) found = grant.principal;
    }
    if (found !== undefined) this.matched.set(token, found);
    return found;
  }
}

/** The one-shot `hash` gives the same digest as createHash().update().digest() without a Hash object per request. */
function digestOf(token: string): Buffer {
  return hash('sha256', token, 'buffer');
}
