import { DEVELOPMENT_DEFINITIONS, FIELD_LIMITS, type AnyDevelopmentDefinition, type FieldSpec } from '@story-tracker/domain';

/** A development type as `GET /development-types` gives it: what a client needs to build its form and read its entries. */
export interface DevelopmentTypeView {
  readonly type: string;
  readonly label: string;
  readonly eventType: string;
  /** Where it shows in the state document: its own entry, the entry it creates or acts on (`via` names the reference), or the current estimates. */
  readonly document: { readonly kind: string; readonly collection: string; readonly via?: string };
  readonly fields: readonly FieldView[];
  /** A body that records one (references stand for ids of the story). */
  readonly example: Readonly<Record<string, unknown>>;
}

export type FieldView = { readonly name: string; readonly required: boolean; readonly label: string; readonly kind: FieldSpec['kind'] } & Readonly<Record<string, unknown>>;

export interface DevelopmentTypesAnswer {
  readonly items: readonly DevelopmentTypeView[];
}

/** Every development type, in the order of the registry, with its fields and their limits. */
export function developmentTypesAnswer(): DevelopmentTypesAnswer {
  return { items: DEVELOPMENT_DEFINITIONS.map(viewOf) };
}

function viewOf(definition: AnyDevelopmentDefinition): DevelopmentTypeView {
  const { document } = definition;
  return {
    type: definition.type,
    label: definition.label,
    eventType: definition.eventType,
    document: { kind: document.kind, collection: document.collection, ...(document.kind === 'acts-on' && { via: document.via }) },
    fields: Object.entries(definition.fields).map(([name, spec]) => fieldView(name, spec)),
    example: { type: definition.type, ...definition.example },
  };
}

function fieldView(name: string, spec: FieldSpec & { readonly required: boolean }): FieldView {
  const base = { name, label: spec.label, kind: spec.kind, required: spec.required };
  switch (spec.kind) {
    case 'name':
      return { ...base, maxLength: FIELD_LIMITS.name };
    case 'text':
      return { ...base, maxLength: FIELD_LIMITS.text, ...(spec.short && { short: true }) };
    case 'time':
      return base;
    case 'names':
      return { ...base, minItems: spec.minItems, maxItems: FIELD_LIMITS.list, maxLength: FIELD_LIMITS.name };
    case 'count':
      return { ...base, minimum: 1, maximum: FIELD_LIMITS.count };
    case 'number':
      return { ...base, minimum: spec.minimum, maximum: spec.maximum, ...(spec.unit !== undefined && { unit: spec.unit }) };
    case 'choice':
      return { ...base, options: Object.entries(spec.options).map(([value, words]) => ({ value, label: words })) };
    case 'reference':
      return { ...base, to: spec.to, correctable: spec.correctable, maxLength: FIELD_LIMITS.reference };
    default:
      return assertNever(spec);
  }
}

function assertNever(spec: never): never {
  throw new TypeError(`Unhandled field kind ${JSON.stringify(spec)}`);
}
