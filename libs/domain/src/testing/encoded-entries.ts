import { storyDocumentPieces } from '../document/story-document';
import { EncodedEntries, encodedLine } from '../state/encoded-entries';
import type { StoryState } from '../state/story-state';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Entries written as a snapshot writes them, read back as EncodedEntries; `revived` counts the values parsed. */
export function encodedEntriesOf<V>(entries: readonly (readonly [string, V])[], named = true): { map: EncodedEntries<V>; revived: string[] } {
  const lines = entries.map(([key, value]) => encoder.encode(encodedLine(key, value, named)));
  const bytes = new Uint8Array(lines.reduce((total, line) => total + line.byteLength, 0));
  const starts = new Uint32Array(lines.length + 1);
  lines.forEach((line, index) => {
    bytes.set(line, starts[index]!);
    starts[index + 1] = starts[index]! + line.byteLength;
  });
  const revived: string[] = [];
  const map = new EncodedEntries<V>(entries.map(([key]) => key), bytes, starts, (key, json) => {
    revived.push(key);
    return json as V;
  }, named);
  return { map, revived };
}

/** The document's JSON text, put together from its pieces (`storyDocumentPieces`) as bytes, as it is sent: a character may span two pieces. */
export function documentText(state: StoryState): string {
  return decoder.decode(Buffer.concat(storyDocumentPieces(state).map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece))));
}
