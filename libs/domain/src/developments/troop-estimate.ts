import type { DevelopmentCommon } from '../events/development';
import { estimateName, troopsName } from '../history/development-names';
import { capitalize, change, forceCount, namesItsUnit, placePhrase, QUALIFIER_WORDS, qualifiedCount, sourceSuffix, withoutParentheses } from '../history/format';
import { currentTroopEstimate } from '../state/entities';
import { NO_RULES, type CurrentEstimate, type DevelopmentDefinition } from './definition';

export const TROOP_QUALIFIERS = ['about', 'more-than', 'nearly', 'up-to', 'exactly'] as const;
export type TroopQualifier = (typeof TROOP_QUALIFIERS)[number];

export interface TroopEstimateFields extends DevelopmentCommon {
  readonly force: string;
  readonly location: string;
  readonly count: number;
  readonly qualifier?: TroopQualifier;
  /** Share (0-100) of the capability needed, e.g. "70 per cent of the firepower needed". */
  readonly capabilityShare?: number;
}

/**
 * How many troops a force has at a location. The latest estimate (in world time) for the same force
 * and location is the current one; the history keeps every figure.
 */
export const troopEstimate: DevelopmentDefinition<'troop-estimate', TroopEstimateFields, 'TroopEstimateRecorded', CurrentEstimate> = {
  type: 'troop-estimate',
  eventType: 'TroopEstimateRecorded',
  label: 'Troop estimate',
  fields: {
    force: { kind: 'name', label: 'Force', required: true },
    location: { kind: 'name', label: 'Location', required: true },
    count: { kind: 'count', label: 'Number of troops', required: true },
    qualifier: { kind: 'choice', label: 'Qualifier', required: false, options: QUALIFIER_WORDS },
    capabilityShare: { kind: 'number', label: 'Share of the capability needed (per cent)', required: false, minimum: 0, maximum: 100, unit: 'per cent' },
  },
  document: { kind: 'current-estimate', collection: 'troopEstimates' },
  rules: NO_RULES,
  describe(data, { before, after }) {
    const previous = currentTroopEstimate(before, data.force, data.location);
    const current = currentTroopEstimate(after, data.force, data.location);
    const share = data.capabilityShare !== undefined ? `, ${data.capabilityShare}% of the capability needed` : '';
    const figure = `${qualifiedCount(data.count, data.qualifier)}${share}${sourceSuffix(data.source)}`;
    const head = `${capitalize(estimateName(data.force, data.location))}: `;
    if (current && current.developmentId !== data.developmentId) {
      // Recorded late about an earlier moment: the newer figure stays current.
      return `${head}${figure}; earlier than the current ${qualifiedCount(current.count, current.qualifier)}`;
    }
    return previous ? `${head}${change(qualifiedCount(previous.count, previous.qualifier), figure)}` : `${head}${figure}`;
  },
  name: ({ force, location }) => estimateName(force, location),
  summary: (estimate) => `${estimateName(estimate.force, estimate.location)}: ${qualifiedCount(estimate.count, estimate.qualifier)}${sourceSuffix(estimate.source)}`,
  phrase({ count, qualifier, force, location, source }) {
    const figure = namesItsUnit(force)
      ? `estimate of ${forceCount(count, force, qualifier)} ${placePhrase(location)}`
      : `troop estimate of ${qualifiedCount(count, qualifier)} for ${troopsName(force, location)}`;
    return source?.name ? `${figure}, according to ${withoutParentheses(source.name)}` : figure;
  },
  example: { force: 'Russia', location: 'near the Ukrainian border', count: 100000, qualifier: 'more-than', capabilityShare: 70, source: { name: 'US officials' }, occurredAt: '2022-02-06T12:00:00Z' },
};
