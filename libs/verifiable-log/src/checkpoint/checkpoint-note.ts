import { HASH_BYTES, type Hash } from '../merkle/hashes';
import { decodeBase64, verifySignature, type LogPublicKey, type LogSigningKey } from './log-key';

/**
 * The log's signed head as a C2SP tlog-checkpoint in a C2SP signed note:
 *
 *   <origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(key id ‖ Ed25519 signature)>\n
 *
 * The signature covers the note's text: everything up to and including the newline before the blank
 * line. Any CT-style tool that reads notes (Go's golang.org/x/mod/sumdb/note, for one) can check it.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Hash;
}

/** Longer than any checkpoint of ours with a few cosignatures; a bigger body is not a checkpoint. */
export const MAX_CHECKPOINT_BYTES = 16 * 1024;
const SIGNATURE_DASH = '\u2014';

export function checkpointBody(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.treeSize}\n${checkpoint.rootHash.toString('base64')}\n`;
}

export function signCheckpoint(checkpoint: Checkpoint, key: LogSigningKey): string {
  const body = checkpointBody(checkpoint);
  const signature = key.sign(Buffer.from(body, 'utf8'));
  return `${body}\n${SIGNATURE_DASH} ${key.name} ${Buffer.concat([key.keyId, signature]).toString('base64')}\n`;
}

export interface SignatureLine {
  readonly name: string;
  readonly keyId: Buffer;
  readonly signature: Buffer;
}

export interface ParsedNote {
  readonly checkpoint: Checkpoint;
  /** The signed text (through the root line and any extension lines). */
  readonly body: string;
  readonly signatures: readonly SignatureLine[];
}

export class MalformedCheckpointError extends Error {
  override readonly name = 'MalformedCheckpointError';
}

/**
 * Reads a checkpoint as issued; throws MalformedCheckpointError naming what is wrong. Signatures are
 * parsed, not checked (see `isSignedBy`).
 */
export function parseCheckpoint(text: string): ParsedNote {
  if (Buffer.byteLength(text, 'utf8') > MAX_CHECKPOINT_BYTES) throw new MalformedCheckpointError(`A checkpoint is at most ${MAX_CHECKPOINT_BYTES} bytes`);
  if (/[\u0000-\u0009\u000b-\u001f\u007f\ufffd]/.test(text)) throw new MalformedCheckpointError('A checkpoint is plain text: no control characters but newlines, no invalid UTF-8');
  const split = text.indexOf('\n\n');
  if (split < 0) throw new MalformedCheckpointError('A checkpoint has its text, a blank line and its signature lines');
  const body = text.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new MalformedCheckpointError('A checkpoint starts with three lines: origin, tree size, root hash');
  const [origin, sizeLine, rootLine] = lines as [string, string, string];
  if (origin.length === 0 || /\s|\+/.test(origin)) throw new MalformedCheckpointError('The first line, the origin, must be a name without spaces or "+"');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) throw new MalformedCheckpointError('The second line must be the tree size, a plain whole number');
  const rootHash = decodeBase64(rootLine);
  if (!rootHash || rootHash.length !== HASH_BYTES) throw new MalformedCheckpointError('The third line must be the root hash: 32 bytes in base64');
  const signatureText = text.slice(split + 2);
  if (!signatureText.endsWith('\n')) throw new MalformedCheckpointError('A checkpoint ends with a newline');
  const signatures = signatureText.slice(0, -1).split('\n').map(parseSignatureLine);
  return { checkpoint: { origin, treeSize: Number(sizeLine), rootHash }, body, signatures };
}

/** Whether one of the note's signatures is a valid one by `key`. */
export function isSignedBy(note: ParsedNote, key: LogPublicKey): boolean {
  const message = Buffer.from(note.body, 'utf8');
  return note.signatures.some(
    (line) => line.name === key.name && line.keyId.equals(key.keyId) && verifySignature(key, message, line.signature),
  );
}

function parseSignatureLine(line: string): SignatureLine {
  const match = /^\u2014 (\S+) (\S+)$/.exec(line);
  if (!match) throw new MalformedCheckpointError('Each signature line reads "— <key name> <base64 signature>"');
  const bytes = decodeBase64(match[2]!);
  if (!bytes || bytes.length < 5) throw new MalformedCheckpointError('A signature is base64 of a 4-byte key id and the signature');
  return { name: match[1]!, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
}
