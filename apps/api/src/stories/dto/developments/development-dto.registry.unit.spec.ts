import 'reflect-metadata';
import { DEVELOPMENT_TYPES, definitionOf, type FieldSpec } from '@story-tracker/domain';
import { parseDevelopment } from '../../../validation/development-input';
import { DEVELOPMENT_DTOS } from './development-dto.registry';

/** The OpenAPI description Nest keeps of each property of a DTO (its `@ApiProperty`). */
function propertiesOf(dto: object): Map<string, { required?: boolean; type?: unknown; isArray?: boolean; enum?: unknown; minItems?: number; maximum?: number; minimum?: number; maxLength?: number }> {
  const prototype = (dto as { prototype: object }).prototype;
  const names = (Reflect.getMetadata('swagger/apiModelPropertiesArray', prototype) as string[]).map((name) => name.replace(/^:/, ''));
  return new Map(names.map((name) => [name, Reflect.getMetadata('swagger/apiModelProperties', prototype, name)]));
}

/** Properties of every development DTO that are not a type's own fields. */
const SHARED = ['type', 'occurredAt', 'source', 'note', 'editSummary'];

/** What the DTO's OpenAPI description must say for a field of each kind. */
function expectedOf(spec: FieldSpec) {
  switch (spec.kind) {
    case 'names':
      return { isArray: true, minItems: spec.minItems };
    case 'count':
      return { type: 'integer', minimum: 1 };
    case 'number':
      return { minimum: spec.minimum, maximum: spec.maximum };
    case 'choice':
      return { enum: Object.keys(spec.options) };
    case 'reference':
      return { maxLength: 100 };
    default:
      return {};
  }
}

describe('the DTO of each development type, held to the type’s definition', () => {
  it.each(DEVELOPMENT_TYPES)('%s: one property per field of its definition, required exactly when the field is, of the field’s kind', (type) => {
    const { fields } = definitionOf(type);
    const properties = propertiesOf(DEVELOPMENT_DTOS[type]);
    expect([...properties.keys()].filter((name) => !SHARED.includes(name)).sort()).toEqual(Object.keys(fields).sort());
    for (const [name, spec] of Object.entries(fields)) {
      const property = properties.get(name)!;
      expect({ field: name, required: property.required !== false }).toEqual({ field: name, required: spec.required });
      expect(property).toMatchObject(expectedOf(spec));
    }
  });

  it.each(DEVELOPMENT_TYPES)('%s: the example of its definition passes the DTO unchanged', (type) => {
    const body = { type, ...definitionOf(type).example };
    expect(parseDevelopment(body).development).toEqual(body);
  });
});
