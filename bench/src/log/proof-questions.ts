import type { Prng } from '../history/prng';

/** One proof asked of the log: an inclusion proof of leaf `a` in the tree of size `b`, or a consistency proof from size `a` to size `b`. */
export interface ProofQuestion {
  readonly kind: 'inclusion' | 'consistency';
  readonly a: number;
  readonly b: number;
}

/**
 * `count` proofs at random over a log of `size` leaves: inclusion of a leaf below a tree size in
 * 1..size, or consistency between two sizes with from ≤ to ≤ size (from = 0 or from = to need no
 * hashes; they come up rarely and are asked like the rest).
 */
export function proofQuestions(kind: ProofQuestion['kind'], count: number, size: number, prng: Prng): ProofQuestion[] {
  return Array.from({ length: count }, () => {
    if (kind === 'inclusion') {
      const treeSize = prng.int(1, size);
      return { kind, a: prng.int(0, treeSize - 1), b: treeSize };
    }
    const to = prng.int(1, size);
    return { kind, a: prng.int(0, to), b: to };
  });
}

export function proofPath(question: ProofQuestion): string {
  return question.kind === 'inclusion'
    ? `/log/proofs/inclusion?index=${question.a}&treeSize=${question.b}`
    : `/log/proofs/consistency?from=${question.a}&to=${question.b}`;
}
