import type { StoryCommand } from './commands/story-command';
import {
  archive,
  archived,
  correct,
  developmentRecorded,
  given,
  note,
  open,
  opened,
  publish,
  published,
  record,
  retract,
  revise,
  STORY_ID,
} from './testing';

describe('decide: opening, revising, publishing and archiving a story', () => {
  describe('OpenStory', () => {
    it('opens a new story with an empty summary and no tags by default', () => {
      given()
        .when(open({ headline: 'Russia masses troops near Ukraine' }))
        .then({ type: 'StoryOpened', data: { storyId: STORY_ID, headline: 'Russia masses troops near Ukraine', summary: '', tags: [] } });
    });

    it('keeps the summary and normalizes tags: trimmed, lower-cased, blanks and repeats dropped, order kept', () => {
      given()
        .when(open({ summary: 'Some 100,000 troops', tags: [' Russia ', 'UKRAINE', 'russia', '  ', 'NATO'] }))
        .then(opened({ summary: 'Some 100,000 troops', tags: ['russia', 'ukraine', 'nato'] }));
    });

    it('refuses a slug that is already taken', () => {
      given(opened()).when(open()).thenFails('StoryAlreadyExists');
    });

    it('refuses a slug that is already taken even when the story is archived', () => {
      given(opened(), archived()).when(open()).thenFails('StoryAlreadyExists');
    });
  });

  describe('a story that does not exist', () => {
    const writes: StoryCommand[] = [
      revise({ headline: 'New headline' }),
      record('d1', note('Anything')),
      correct('d1', { text: 'Other' }),
      retract('d1'),
      publish(),
      archive(),
    ];

    it.each(writes.map((command) => [command.type, command] as const))('refuses %s with StoryNotFound', (_type, command) => {
      given().when(command).thenFails('StoryNotFound');
    });
  });

  describe('an archived story takes no more writes', () => {
    const writes: StoryCommand[] = [
      revise({ headline: 'New headline' }),
      record('d2', note('Anything')),
      correct('d1', { text: 'Other' }),
      retract('d1'),
      publish(),
      archive(),
    ];

    it.each(writes.map((command) => [command.type, command] as const))('refuses %s with StoryArchived', (_type, command) => {
      given(opened(), developmentRecorded('d1', note('Before')), archived()).when(command).thenFails('StoryArchived');
    });
  });

  describe('PublishStory and ArchiveStory', () => {
    it('publishes a draft', () => {
      given(opened()).when(publish()).then(published());
    });

    it('refuses to publish a published story', () => {
      given(opened(), published()).when(publish()).thenFails('StoryAlreadyPublished');
    });

    it('archives a draft', () => {
      given(opened()).when(archive()).then(archived());
    });

    it('archives a published story', () => {
      given(opened(), published()).when(archive()).then(archived());
    });

    it('still takes writes once published', () => {
      given(opened(), published()).when(record('d1', note('After publishing'))).then(developmentRecorded('d1', note('After publishing')));
    });

    it('shows the status in the document', () => {
      given(opened()).when(publish()).thenState((document) => expect(document.status).toBe('published'));
      given(opened(), published()).when(archive()).thenState((document) => expect(document.status).toBe('archived'));
    });
  });

  describe('ReviseStory emits only what really changed', () => {
    const story = opened({ headline: 'Old headline', summary: 'Old summary', tags: ['russia', 'ukraine'] });

    it('revises the headline', () => {
      given(story).when(revise({ headline: 'New headline' })).then({ type: 'HeadlineRevised', data: { headline: 'New headline' } });
    });

    it('revises the summary', () => {
      given(story).when(revise({ summary: 'New summary' })).then({ type: 'SummaryRevised', data: { summary: 'New summary' } });
    });

    it('changes the tags, normalized', () => {
      given(story).when(revise({ tags: ['Russia', ' NATO '] })).then({ type: 'TagsChanged', data: { tags: ['russia', 'nato'] } });
    });

    it('emits one event per changed field, leaving out the unchanged ones', () => {
      given(story)
        .when(revise({ headline: 'New headline', summary: 'Old summary', tags: ['nato'] }))
        .then({ type: 'HeadlineRevised', data: { headline: 'New headline' } }, { type: 'TagsChanged', data: { tags: ['nato'] } });
    });

    it('emits nothing for a revision that repeats what is there', () => {
      given(story).when(revise({ headline: 'Old headline', summary: 'Old summary', tags: ['russia', 'ukraine'] })).then();
    });

    it('emits nothing for tags that only differ in case, spacing, repeats or order', () => {
      given(story).when(revise({ tags: ['UKRAINE ', 'Russia', 'russia'] })).then();
    });

    it('emits nothing for an empty revision', () => {
      given(story).when(revise({})).then();
    });

    it('clears the summary when it is set to an empty string', () => {
      given(story).when(revise({ summary: '' })).then({ type: 'SummaryRevised', data: { summary: '' } });
    });

    it('shows the revised fields in the document', () => {
      given(story)
        .when(revise({ headline: 'New headline', summary: 'New summary', tags: ['nato'] }))
        .thenState((document) => expect(document).toMatchObject({ headline: 'New headline', summary: 'New summary', tags: ['nato'], revision: 4 }));
    });
  });
});
