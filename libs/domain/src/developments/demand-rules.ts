import { DomainError } from '../errors/domain-error';
import { demandName } from '../history/development-names';
import { change, quoted, sourceSuffix } from '../history/format';
import { partiesInProse } from '../history/names';
import type { DemandStatus, DemandView } from '../state/entities';
import type { StoryState } from '../state/story-state';
import type { DemandAnsweredFields } from './demand-rejected';

/** What the answers to a demand (rejected, accepted) share. */

export type Demand = Omit<DemandView, 'developmentId'>;

export function existingDemand(state: StoryState, demandId: string): Demand {
  const demand = state.views.demands.get(demandId);
  if (!demand) throw new DomainError('DemandNotFound', `No demand ${demandId} in this story`, { demandId });
  return demand;
}

/** The demand with these parties added to `rejectedBy` or `acceptedBy`, none twice, and its status as it follows. */
export function answered(demand: DemandView, side: 'rejectedBy' | 'acceptedBy', parties: readonly string[]): DemandView {
  const next = { ...demand, [side]: [...new Set([...demand[side], ...parties])] };
  return { ...next, status: demandStatus(next.rejectedBy.length, next.acceptedBy.length) };
}

function demandStatus(rejections: number, acceptances: number): DemandStatus {
  if (rejections > 0 && acceptances > 0) return 'mixed';
  if (rejections > 0) return 'rejected';
  if (acceptances > 0) return 'accepted';
  return 'open';
}

/**
 * "open → rejected by the United States and NATO"; where the status is not the answer itself,
 * "rejected → mixed (accepted by the EU)"; where it stays, "rejected, now also by NATO".
 */
export function describeAnswer(answer: 'rejected' | 'accepted', data: DemandAnsweredFields, before: StoryState, after: StoryState): string {
  const from = before.views.demands.get(data.demandId)?.status ?? 'unknown';
  const to = after.views.demands.get(data.demandId)?.status ?? 'unknown';
  const by = partiesInProse(data.by);
  const status = from === to && to === answer ? `${to}, now also by ${by}` : to === answer ? `${change(from, to)} by ${by}` : `${change(from, to)} (${answer} by ${by})`;
  const statement = data.statement ? `: ${quoted(data.statement, 80)}` : '';
  return `Demand by ${demandName(before, data.demandId)}: ${status}${statement}${sourceSuffix(data.source)}`;
}
