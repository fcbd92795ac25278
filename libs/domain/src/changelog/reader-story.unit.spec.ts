import type { DevelopmentRedacted } from '../events/story-event';
import { developmentRecorded, opened, published, retracted, stateAfter, troops } from '../testing';
import { readerStory } from './reader-story';
import { REMOVED_DETAIL } from './reader-words';

describe('the story as readers read it', () => {
  const redaction: DevelopmentRedacted = { type: 'DevelopmentRedacted', data: { developmentId: 't1', paths: ['/source/name'], reason: 'Source at risk' } };

  it('tells the live developments in the order they happened, one sentence each, without redacted values', () => {
    const state = stateAfter(
      opened({ headline: 'Russia masses troops', summary: 'A build-up' }),
      developmentRecorded('t1', troops(100_000, { occurredAt: '2022-02-06', source: { name: 'Colonel Petrenko' } })),
      developmentRecorded('p1', { type: 'deployment', force: 'US troops', count: 1_700, destination: 'Poland', occurredAt: '2022-02-03' }),
      developmentRecorded('n1', { type: 'note', text: 'Wrong' }),
      retracted('n1'),
      published(),
      redaction,
    );
    expect(readerStory(state)).toEqual({
      headline: 'Russia masses troops',
      summary: 'A build-up',
      status: 'published',
      developments: [
        { developmentId: 'p1', when: '3 February 2022', text: '1,700 US troops were sent to Poland.' },
        { developmentId: 't1', when: '6 February 2022', text: `Russia had 100,000 troops near the Ukrainian border, according to ${REMOVED_DETAIL}.` },
      ],
    });
  });
});
