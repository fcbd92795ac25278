import type { DevelopmentCommon } from '../events/development';
import { quoted, sourceSuffix } from '../history/format';
import { inProse, partiesInProse } from '../history/names';
import { NO_RULES, type CreatesEntity, type DevelopmentDefinition } from './definition';

export interface DemandMadeFields extends DevelopmentCommon {
  readonly by: string;
  readonly addressedTo: readonly string[];
  readonly text: string;
}

/** A demand one party makes of others; it creates the demand (id = its developmentId, status `open`). */
export const demandMade: DevelopmentDefinition<'demand-made', DemandMadeFields, 'DemandMade', CreatesEntity<DemandMadeFields, 'demands'>> = {
  type: 'demand-made',
  eventType: 'DemandMade',
  label: 'Demand made',
  fields: {
    by: { kind: 'name', label: 'Made by', required: true },
    addressedTo: { kind: 'names', label: 'Addressed to', required: true, minItems: 1 },
    text: { kind: 'text', label: 'Demand', required: true },
  },
  document: {
    kind: 'creates',
    collection: 'demands',
    create: (made, developmentId) => ({ developmentId, by: made.by, addressedTo: made.addressedTo, text: made.text, status: 'open', rejectedBy: [], acceptedBy: [] }),
  },
  rules: NO_RULES,
  describe: (data) => `Demand by ${inProse(data.by)} to ${partiesInProse(data.addressedTo)}: ${quoted(data.text)}${sourceSuffix(data.source, [data.by])}`,
  name: (made) => `demand by ${inProse(made.by)} ${quoted(made.text, 60)}`,
  example: { by: 'Russia', addressedTo: ['United States', 'NATO'], text: 'Bar Ukraine and other former Soviet states from joining NATO' },
};
