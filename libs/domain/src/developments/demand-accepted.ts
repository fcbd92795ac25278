import { DomainError } from '../errors/domain-error';
import { demandName } from '../history/development-names';
import { partiesInProse } from '../history/names';
import type { ActsOnEntity, DevelopmentDefinition } from './definition';
import type { DemandAnsweredFields } from './demand-rejected';
import { answered, describeAnswer, existingDemand } from './demand-rules';

/** Parties accept a demand, unless they rejected it: status `accepted` (or `mixed`), `acceptedBy` accumulates. */
export const demandAccepted: DevelopmentDefinition<'demand-accepted', DemandAnsweredFields, 'DemandAccepted', ActsOnEntity<DemandAnsweredFields, 'demands'>> = {
  type: 'demand-accepted',
  eventType: 'DemandAccepted',
  label: 'Demand accepted',
  fields: {
    demandId: { kind: 'reference', label: 'Demand', required: true, to: 'demand', correctable: false },
    by: { kind: 'names', label: 'Accepted by', required: true, minItems: 1 },
    statement: { kind: 'text', label: 'Statement', required: false },
  },
  document: { kind: 'acts-on', collection: 'demands', via: 'demandId', apply: (demand, acceptance) => answered(demand, 'acceptedBy', acceptance.by) },
  rules: {
    check({ demandId, by }, state) {
      const demand = existingDemand(state, demandId);
      const rejecters = by.filter((party) => demand.rejectedBy.includes(party));
      if (rejecters.length > 0) {
        throw new DomainError('DemandRejectedBySameParty', `Demand ${demandId} was rejected by ${rejecters.join(', ')}, who cannot also accept it`, { demandId, parties: rejecters });
      }
    },
    // Who accepts is what the rule looks at; a corrected statement cannot break it.
    recheckWhenCorrected: ['by'],
  },
  describe: (data, { before, after }) => describeAnswer('accepted', data, before, after),
  name: (acceptance, { state }) => `acceptance by ${partiesInProse(acceptance.by)} of demand by ${demandName(state, acceptance.demandId)}`,
  example: { demandId: '01JZ6Q3V7C9X4M2B8N5K0T1R6W', by: ['France'], statement: 'Accepted as a basis for talks' },
};
