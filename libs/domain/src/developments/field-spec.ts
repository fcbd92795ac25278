import type { DevelopmentCommon } from '../events/development';

/**
 * The runtime description of a development's own fields: what kind of value each holds, whether it
 * is required, its limits and its label. The API's DTOs are checked against it, the reporter page
 * builds its forms from it (`GET /development-types`), the corrections and the seed read its
 * references from it. `FieldSpecs<F>` makes the compiler hold it to the type-level fields `F`: every
 * field present, `required` exactly when the field is, and a kind that fits the value.
 */

/** Limits shared by every field of a kind (the API's `MAX` takes them from here). */
export const FIELD_LIMITS = {
  /** Characters of a name (a person, a country, a place). */
  name: 200,
  /** Characters of prose (a quote, a note, an outcome). */
  text: 10_000,
  /** Names in a list. */
  list: 50,
  /** Characters of an id that refers to another development. */
  reference: 100,
  /**
   * The largest head count a troop estimate or a deployment may give. The largest armed forces on
   * record muster a few million; ten million is above any figure a newsroom reports for one force,
   * far below the 2^53 where JSON numbers stop being exact, and refuses slips such as 1e8 or 1e308.
   */
  count: 10_000_000,
} as const;

interface Labelled {
  /** The field as people say it, on a form. */
  readonly label: string;
}

/** A single-line name: a person, a country, a body, a place (up to FIELD_LIMITS.name). */
export interface NameFieldSpec extends Labelled {
  readonly kind: 'name';
}
/** Prose: a quote, a text, an outcome, a reason (tab and newline allowed; up to FIELD_LIMITS.text). */
export interface TextFieldSpec extends Labelled {
  readonly kind: 'text';
  /** A short text (a topic): one line on a form. */
  readonly short?: boolean;
}
/** A date (`2022-02-07`) or a date-time (`2022-02-07T13:00:00Z`). */
export interface TimeFieldSpec extends Labelled {
  readonly kind: 'time';
}
/** Names, none twice, at least `minItems` (at most FIELD_LIMITS.list). */
export interface NamesFieldSpec extends Labelled {
  readonly kind: 'names';
  readonly minItems: number;
}
/** A head count: a whole number from 1 to FIELD_LIMITS.count. */
export interface CountFieldSpec extends Labelled {
  readonly kind: 'count';
}
/** A number from `minimum` to `maximum`, fractions allowed. */
export interface NumberFieldSpec extends Labelled {
  readonly kind: 'number';
  readonly minimum: number;
  readonly maximum: number;
  readonly unit?: string;
}
/** One of a closed set of values; `options` gives each in words. */
export interface ChoiceFieldSpec<V extends string = string> extends Labelled {
  readonly kind: 'choice';
  readonly options: Readonly<Record<V, string>>;
}
/**
 * The id of another development of the story: the meeting or demand it acts on, or any development.
 * A reference that is not `correctable` says what the development is about: a correction may not
 * re-aim it (retract and record anew).
 */
export interface ReferenceFieldSpec extends Labelled {
  readonly kind: 'reference';
  readonly to: 'meeting' | 'demand' | 'development';
  readonly correctable: boolean;
}

export type FieldSpec = NameFieldSpec | TextFieldSpec | TimeFieldSpec | NamesFieldSpec | CountFieldSpec | NumberFieldSpec | ChoiceFieldSpec | ReferenceFieldSpec;
export type FieldKind = FieldSpec['kind'];

/** The kinds of spec a value of type V may have. */
type SpecOf<V> = [V] extends [number]
  ? CountFieldSpec | NumberFieldSpec
  : [V] extends [readonly string[]]
    ? NamesFieldSpec
    : [string] extends [V]
      ? NameFieldSpec | TextFieldSpec | TimeFieldSpec | ReferenceFieldSpec
      : [V] extends [string]
        ? ChoiceFieldSpec<V>
        : never;

/** A development type's own fields (those every development shares are left out). */
export type OwnFieldName<F> = Exclude<keyof F, keyof DevelopmentCommon | 'type'> & string;

/** The spec of every own field of `F`, in the order the form shows them. */
export type FieldSpecs<F> = {
  readonly [K in OwnFieldName<F>]-?: SpecOf<NonNullable<F[K]>> & { readonly required: Record<never, never> extends Pick<F, K> ? false : true };
};
