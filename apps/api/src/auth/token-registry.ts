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
 * nearly matched.
 */
export class TokenRegistry {
  private readonly grants: { digest: Buffer; principal: Principal }[];

  constructor(grants: readonly TokenGrant[]) {
    this.grants = grants.map(({ token, actor, roles }, index) => ({ digest: digestOf(token), principal: { actor, roles, tokenId: `token-${index + 1}` } }));
  }

  principalFor(token: string): Principal | undefined {
    const digest = digestOf(token);
    let found: Principal | undefined;
    for (const grant of this.grants) {
      if (timingSafeEqual(grant.digest, digest)) found = grant.principal;
    }
    return found;
  }
}

/** The one-shot `hash` gives the same digest as createHash().update().digest() without a Hash object per request. */
function digestOf(token: string): Buffer {
  return hash('sha256', token, 'buffer');
}
