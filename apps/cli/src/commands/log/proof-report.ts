import { events } from './log-format';

/** An inclusion proof as `log prove` reports it; the proof's own fields are those of GET /log/proofs/inclusion. */
export interface InclusionReport {
  readonly storyId: string;
  readonly revision: number;
  /** The event's leaf: its logIndex (globalPosition - 1). */
  readonly index: number;
  readonly treeSize: number;
  /** Base64, as every hash here. */
  readonly leafHash: string;
  /** The root the proof was checked against: the checkpoint's, or today's. */
  readonly rootHash: string;
  readonly hashes: readonly string[];
  readonly verified: boolean;
  readonly problem?: string;
}

/** The report as lines of "name: value", the proof's hashes one a line, and the verdict last. */
export function formatProof(report: InclusionReport, against: 'the checkpoint' | 'today'): string {
  const tree = against === 'today' ? `today's tree of ${events(report.treeSize)}` : `the checkpoint's tree of ${events(report.treeSize)}`;
  const lines = [
    `event: ${report.storyId} revision ${report.revision}`,
    `logIndex: ${report.index}`,
    `treeSize: ${report.treeSize}`,
    `leafHash: ${report.leafHash}`,
    `rootHash: ${report.rootHash}`,
    report.hashes.length === 0 ? 'hashes: none (the leaf is the whole tree)' : 'hashes:',
    ...report.hashes.map((hash) => `  ${hash}`),
    report.verified ? `included: leaf ${report.index} is in ${tree} (the proof leads to its root)` : `NOT INCLUDED: ${report.problem}`,
  ];
  return `${lines.join('\n')}\n`;
}
