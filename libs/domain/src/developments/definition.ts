import type { DemandView, MeetingView } from '../state/entities';
import type { DevelopmentRecord, StoryState } from '../state/story-state';
import type { FieldSpecs } from './field-spec';

/**
 * Everything the story tracker knows about one development type, in one place: its fields (the
 * type `F` and their runtime spec), its stored event, its rules, where it lives in the state
 * document and how it changes it, and how it reads in one line. `registry.ts` lists one per type;
 * evolve, decide, the document, the descriptions, the API and the reporter page read them from there.
 */
export interface DevelopmentDefinition<T extends string, F, E extends string, P extends Placement<F> = Placement<F>> {
  readonly type: T;
  /** The stored event's type, as it appears in the raw log (past tense, subject first). */
  readonly eventType: E;
  /** The type as people say it ("Troop estimate"). */
  readonly label: string;
  /** The development's own fields; the ones every development carries are in `COMMON_FIELDS`. */
  readonly fields: FieldSpecs<F>;
  /** Where it lives in the state document and how evolve applies it to the views. */
  readonly document: P;
  /** What must hold for it to be recorded, and when a correction must check it again. */
  readonly rules: Rules<F>;
  /** The one-line account of its event in the revision history ("… 92,000 → 100,000 (US officials)"). */
  describe(data: F & { readonly developmentId: string }, context: DescribeContext): string;
  /**
   * The development named in lower case, without the values a correction may change where it can
   * ("troop estimate for Russia near the Ukrainian border"); used by corrections and denials.
   */
  name(development: F, context: NameContext): string;
  /** With its main figure, for the timeline; the name when absent. */
  summary?(development: F, context: NameContext): string;
  /** With its main figure as a phrase for running text, for a retraction; the name when absent. */
  phrase?(development: F, context: NameContext): string;
  /** A development of this type as an editor posts it (without `type`): the OpenAPI example, the walk-every-type test. */
  readonly example: F;
}

export interface NameContext {
  readonly state: StoryState;
  /** Its id, when it is on record. */
  readonly developmentId?: string;
}

export interface DescribeContext {
  /** The story just before the event. */
  readonly before: StoryState;
  /** The story just after it (made on first use). */
  readonly after: StoryState;
  /** Another development on record, named as `name` would ("statement by Jen Psaki “…”"). */
  nameOf(record: DevelopmentRecord): string;
}

export interface Rules<F> {
  /** Throws a `DomainError` naming the rule the development breaks. */
  check(development: F, state: StoryState): void;
  /** A correction that changes one of these fields is checked again (the others cannot break a rule). */
  readonly recheckWhenCorrected: readonly (keyof F & string)[];
}

export const NO_RULES: Rules<object> = { check: () => undefined, recheckWhenCorrected: [] };

/** The entries that developments create and others act on, by their collection in the document. */
export interface EntityViews {
  readonly meetings: MeetingView;
  readonly demands: DemandView;
}
export type EntityCollection = keyof EntityViews;

/** A development shown as its own entry, keyed by its id, with its fields as they stand. */
export interface OwnEntry<C extends string = string> {
  readonly kind: 'entry';
  readonly collection: C;
}
/** A development that creates an entry (a meeting, a demand) keyed by its id. */
export interface CreatesEntity<F, C extends EntityCollection = EntityCollection> {
  readonly kind: 'creates';
  readonly collection: C;
  create(development: F, developmentId: string): EntityViews[C];
}
/** A development that changes the entry its reference `via` names. */
export interface ActsOnEntity<F, C extends EntityCollection = EntityCollection> {
  readonly kind: 'acts-on';
  readonly collection: C;
  readonly via: keyof F & string;
  apply(entity: EntityViews[C], development: F): EntityViews[C];
}
/** The current estimate of each force and location (`troopEstimates`, keyed by `troopEstimateKey`). */
export interface CurrentEstimate {
  readonly kind: 'current-estimate';
  readonly collection: 'troopEstimates';
}

export type Placement<F> = OwnEntry | { [C in EntityCollection]: CreatesEntity<F, C> | ActsOnEntity<F, C> }[EntityCollection] | CurrentEstimate;
