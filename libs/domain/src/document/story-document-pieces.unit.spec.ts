import { decodeStoryState, encodeStoryState } from '../snapshot/story-state.codec';
import type { StoryState } from '../state/story-state';
import { FoldInPlace } from '../story.evolve';
import { corrected, developmentRecorded, documentText, meeting, note, opened, recordedEvents, retracted, stateAfter, troops, type GivenEvent } from '../testing';
import { storyDocumentPieces, toStoryDocument } from './story-document';

/** The state after `first`, as a snapshot decodes it, folded on through `then` in place. */
function decodedThen(first: readonly GivenEvent[], then: readonly GivenEvent[]): { decoded: StoryState; folded: StoryState } {
  const decoded = decodeStoryState(encodeStoryState(stateAfter(...first)));
  const fold = new FoldInPlace(decoded);
  for (const event of recordedEvents(then, first.length)) fold.evolve(event);
  return { decoded, folded: fold.state };
}

describe('storyDocumentPieces: the document as it is sent', () => {
  const first: GivenEvent[] = [
    opened({ headline: 'Troops «at the border»', tags: ['russia'] }),
    developmentRecorded('01A', note('First')),
    developmentRecorded('01B', note('Second — Київ')),
    developmentRecorded('01C', note('Third')),
    developmentRecorded('01D', troops(92_000)),
    developmentRecorded('01E', meeting()),
  ];
  const then: GivenEvent[] = [corrected('01B', { text: 'Second, corrected' }), retracted('01A'), developmentRecorded('01F', note('Fourth')), corrected('01D', { count: 100_000 })];

  it('is JSON.stringify of the document, to the byte, folded from the start, decoded, and folded on from a decoded state', () => {
    const { decoded, folded } = decodedThen(first, then);
    for (const state of [stateAfter(...first), stateAfter(...first, ...then), decoded, folded]) expect(documentText(state)).toBe(JSON.stringify(toStoryDocument(state)));
    // The untouched entries of the decoded state go out as its bytes.
    expect(storyDocumentPieces(decoded).some((piece) => typeof piece !== 'string')).toBe(true);
  });

  it('keeps an object’s order where a key is an array index, and leaves out "__proto__" as an object does', () => {
    const odd: GivenEvent[] = [
      opened(),
      developmentRecorded('zeta', note('A name')),
      developmentRecorded('7', note('An index')),
      developmentRecorded('__proto__', note('Not a property')),
      developmentRecorded('4294967295', note('Past the last index')),
      developmentRecorded('01', note('Not an index')),
    ];
    const { decoded, folded } = decodedThen(odd, [developmentRecorded('3', note('Another index'))]);
    for (const [state, firstKey] of [[stateAfter(...odd), '7'], [decoded, '7'], [folded, '3']] as const) {
      const text = documentText(state);
      expect(text).toBe(JSON.stringify(toStoryDocument(state)));
      expect(Object.keys(JSON.parse(text).notes)[0]).toBe(firstKey);
      expect(text).not.toContain('__proto__');
    }
  });
});
