import type { DevelopmentCommon } from '../events/development';
import { demandName } from '../history/development-names';
import { partiesInProse } from '../history/names';
import type { ActsOnEntity, DevelopmentDefinition } from './definition';
import { answered, describeAnswer, existingDemand } from './demand-rules';

/** The fields of an answer to a demand: who rejected or accepted it. */
export interface DemandAnsweredFields extends DevelopmentCommon {
  readonly demandId: string;
  readonly by: readonly string[];
  readonly statement?: string;
}

/** Parties refuse a demand: its status becomes `rejected` (or `mixed`), `rejectedBy` accumulates. */
export const demandRejected: DevelopmentDefinition<'demand-rejected', DemandAnsweredFields, 'DemandRejected', ActsOnEntity<DemandAnsweredFields, 'demands'>> = {
  type: 'demand-rejected',
  eventType: 'DemandRejected',
  label: 'Demand rejected',
  fields: {
    demandId: { kind: 'reference', label: 'Demand', required: true, to: 'demand', correctable: false },
    by: { kind: 'names', label: 'Rejected by', required: true, minItems: 1 },
    statement: { kind: 'text', label: 'Statement', required: false },
  },
  document: { kind: 'acts-on', collection: 'demands', via: 'demandId', apply: (demand, rejection) => answered(demand, 'rejectedBy', rejection.by) },
  rules: {
    check: ({ demandId }, state) => void existingDemand(state, demandId),
    recheckWhenCorrected: [],
  },
  describe: (data, { before, after }) => describeAnswer('rejected', data, before, after),
  name: (rejection, { state }) => `rejection by ${partiesInProse(rejection.by)} of demand by ${demandName(state, rejection.demandId)}`,
  example: { demandId: '01JZ6Q3V7C9X4M2B8N5K0T1R6W', by: ['United States', 'NATO'] },
};
