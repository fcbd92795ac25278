import { DomainError } from '../errors/domain-error';
import type { DevelopmentCommon } from '../events/development';
import { quoted, sourceSuffix } from '../history/format';
import { inProse } from '../history/names';
import { liveDevelopment } from '../state/development-lookup';
import type { DevelopmentDefinition, OwnEntry } from './definition';

export interface DenialFields extends DevelopmentCommon {
  readonly by: string;
  readonly text: string;
  /** The development being denied. */
  readonly of?: string;
}

/** A party denies something, perhaps a development on record (`of`). */
export const denial: DevelopmentDefinition<'denial', DenialFields, 'DenialRecorded', OwnEntry<'denials'>> = {
  type: 'denial',
  eventType: 'DenialRecorded',
  label: 'Denial',
  fields: {
    by: { kind: 'name', label: 'Denied by', required: true },
    text: { kind: 'text', label: 'Denial', required: true },
    of: { kind: 'reference', label: 'Denies the development', required: false, to: 'development', correctable: true },
  },
  document: { kind: 'entry', collection: 'denials' },
  rules: {
    check({ of }, state) {
      if (of !== undefined && !liveDevelopment(state, of)) {
        throw new DomainError('DeniedDevelopmentNotFound', `The denied development ${of} is not in this story`, { of });
      }
    },
    recheckWhenCorrected: ['of'],
  },
  describe(data, { before, nameOf }) {
    const denied = data.of !== undefined ? before.developments.get(data.of) : undefined;
    const of = denied ? ` of ${nameOf(denied)}` : '';
    return `Denial by ${inProse(data.by)}${of}: ${quoted(data.text)}${sourceSuffix(data.source, [data.by])}`;
  },
  name: (denied) => `denial by ${inProse(denied.by)} ${quoted(denied.text, 60)}`,
  example: { by: 'Russia', text: 'Russia has no plans to attack Ukraine' },
};
