import { storyDocumentPieces, type StoryState } from '@story-tracker/domain';

/** The content type of every state document we send. */
export const DOCUMENT_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A story's state document at one revision, as sent: its JSON bytes and its ETag. */
export interface DocumentBytes {
  readonly storyId: string;
  readonly revision: number;
  /** `"<revision>"`, the answer's ETag. */
  readonly etag: string;
  /** `JSON.stringify` of the state's document, UTF-8: exactly what Fastify's serializer would have sent. */
  readonly body: Buffer;
}

/**
 * Serializes a state's document once (`storyDocumentPieces`: the entries a decoded snapshot holds go
 * in as their bytes), into a buffer of its own: one taken from Node's shared pool (documents under
 * 4 KiB) would keep the whole 8 KiB slab alive for as long as the cache keeps the document.
 */
export function toDocumentBytes(storyId: string, state: StoryState): DocumentBytes {
  const pieces = storyDocumentPieces(state);
  const length = pieces.reduce((total, piece) => total + (typeof piece === 'string' ? Buffer.byteLength(piece) : piece.byteLength), 0);
  const body = Buffer.allocUnsafeSlow(length);
  let at = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') at += body.write(piece, at);
    else {
      body.set(piece, at);
      at += piece.byteLength;
    }
  }
  return { storyId, revision: state.revision, etag: etagOf(state.revision), body };
}

export function etagOf(revision: number): string {
  return `"${revision}"`;
}
