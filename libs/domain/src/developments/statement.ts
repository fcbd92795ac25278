import type { DevelopmentCommon } from '../events/development';
import { quoted, sourceSuffix } from '../history/format';
import { inProse } from '../history/names';
import { NO_RULES, type DevelopmentDefinition, type OwnEntry } from './definition';

export interface StatementFields extends DevelopmentCommon {
  readonly speaker: string;
  readonly text: string;
  readonly outlet?: string;
}

/** A quote or a claim. */
export const statement: DevelopmentDefinition<'statement', StatementFields, 'StatementRecorded', OwnEntry<'statements'>> = {
  type: 'statement',
  eventType: 'StatementRecorded',
  label: 'Statement',
  fields: {
    speaker: { kind: 'name', label: 'Speaker', required: true },
    text: { kind: 'text', label: 'What was said', required: true },
    outlet: { kind: 'name', label: 'Outlet', required: false },
  },
  document: { kind: 'entry', collection: 'statements' },
  rules: NO_RULES,
  describe(data) {
    const outlet = data.outlet ? ` (${data.outlet})` : '';
    return `Statement by ${inProse(data.speaker)}${outlet}: ${quoted(data.text)}${sourceSuffix(data.source, [data.speaker, data.outlet])}`;
  },
  name: (said) => `statement by ${inProse(said.speaker)} ${quoted(said.text, 60)}`,
  example: { speaker: 'Emmanuel Macron', text: 'A deal to avoid a full-scale war is possible', outlet: 'Journal du Dimanche' },
};
