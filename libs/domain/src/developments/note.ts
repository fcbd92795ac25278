import type { DevelopmentCommon } from '../events/development';
import { quoted, sourceSuffix, truncate } from '../history/format';
import { NO_RULES, type DevelopmentDefinition, type OwnEntry } from './definition';

export interface NoteFields extends DevelopmentCommon {
  readonly text: string;
}

/** Anything else worth recording. */
export const note: DevelopmentDefinition<'note', NoteFields, 'NoteAdded', OwnEntry<'notes'>> = {
  type: 'note',
  eventType: 'NoteAdded',
  label: 'Note',
  fields: {
    text: { kind: 'text', label: 'Note', required: true },
  },
  document: { kind: 'entry', collection: 'notes' },
  rules: NO_RULES,
  describe: (data) => `Note: ${truncate(data.text)}${sourceSuffix(data.source)}`,
  name: (noted) => `note ${quoted(noted.text, 60)}`,
  summary: (noted) => `note: ${truncate(noted.text)}`,
  phrase: (noted) => `note ${quoted(noted.text)}`,
  example: { text: 'Ukrainian troops held urban combat drills in Pripyat' },
};
