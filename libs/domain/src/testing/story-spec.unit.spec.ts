import { archive, at, by, given, note, open, opened, publish, published, record, recordedEvents, TEST_ACTOR } from '.';

describe('the story spec helper', () => {
  it('records given events with revisions 1..n, the test actor and increasing record times', () => {
    expect(recordedEvents([opened(), published()])).toEqual([
      { ...opened(), revision: 1, metadata: { actor: TEST_ACTOR, recordedAt: '2022-01-10T08:00:00.000Z' } },
      { ...published(), revision: 2, metadata: { actor: TEST_ACTOR, recordedAt: '2022-01-10T08:01:00.000Z' } },
    ]);
  });

  it('lets one event carry its own record time and actor', () => {
    const [event] = recordedEvents([at(by(opened(), 'alice'), '2021-12-01T00:00:00.000Z')]);

    expect(event?.metadata).toEqual({ actor: 'alice', recordedAt: '2021-12-01T00:00:00.000Z' });
    expect(event).not.toHaveProperty('metadata.editSummary');
  });

  it('continues revisions and record times after the given history in thenState', () => {
    given(opened(), published()).when(record('n1', note('x'))).thenState((document, state) => {
      expect(document.revision).toBe(3);
      expect(document.updatedAt).toBe('2022-01-10T08:02:00.000Z');
      expect(state.developments.get('n1')?.revision).toBe(3);
    });
  });

  it('fails `then` when decide returns other events', () => {
    expect(() => given(opened()).when(publish()).then()).toThrow('PublishStory decided other events');
  });

  it('fails `thenFails` when the command succeeds, or fails with another code', () => {
    expect(() => given(opened()).when(publish()).thenFails('StoryArchived')).toThrow(/but it decided \[\{"type":"StoryPublished"/);
    expect(() => given(opened(), published()).when(publish()).thenFails('StoryArchived')).toThrow('but it threw StoryAlreadyPublished');
  });

  it('returns the DomainError from `thenFails`', () => {
    expect(given(opened()).when(open()).thenFails('StoryAlreadyExists').details).toEqual({ storyId: 'russia-ukraine-standoff' });
  });

  it('refuses to be used as a promise', () => {
    const spec = given(opened()).when(archive()) as unknown as PromiseLike<void>;

    expect(() => spec.then(() => undefined, () => undefined)).toThrow('returned from a test or awaited');
  });
});
