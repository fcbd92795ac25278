import { createHash } from 'node:crypto';

/** A proof changed in one way, and what the change was, for the failure message. */
export interface Tampering {
  readonly what: string;
  readonly proof: Buffer[];
}

const SOME_HASH = createHash('sha256').update('not a node of any tree here').digest();

/**
 * Every way a proof is made wrong in the tests: each hash with one bit flipped in turn, each hash
 * dropped in turn, a hash added at either end or in the middle (an unrelated one, a copy of the first,
 * `extra` such as the roots), and hashes of the wrong length. None of these may ever verify.
 */
export function tamperedProofs(proof: readonly Buffer[], extra: readonly Buffer[] = []): Tampering[] {
  const out: Tampering[] = [];
  proof.forEach((_, i) => {
    const flipped = proof.map((hash) => Buffer.from(hash));
    flipped[i]![i % 32]! ^= 1 << i % 8;
    out.push({ what: `hash ${i} with a bit flipped`, proof: flipped });
    out.push({ what: `hash ${i} dropped`, proof: proof.filter((_, j) => j !== i) });
    out.push({ what: `hash ${i} cut to 31 bytes`, proof: proof.map((hash, j) => (j === i ? hash.subarray(0, 31) : hash)) });
  });
  for (const added of [SOME_HASH, ...extra, ...proof.slice(0, 1)]) {
    out.push({ what: `${added.toString('hex').slice(0, 8)} added at the end`, proof: [...proof, added] });
    out.push({ what: `${added.toString('hex').slice(0, 8)} added at the start`, proof: [added, ...proof] });
    const middle = Math.floor(proof.length / 2);
    if (proof.length > 1) out.push({ what: `${added.toString('hex').slice(0, 8)} added in the middle`, proof: [...proof.slice(0, middle), added, ...proof.slice(middle)] });
  }
  out.push({ what: 'an empty hash added', proof: [...proof, Buffer.alloc(0)] });
  if (proof.length > 1) out.push({ what: 'the first two hashes swapped', proof: [proof[1]!, proof[0]!, ...proof.slice(2)] });
  return out;
}
