import { DEVELOPMENT_TYPES, REFERENCE_FIELDS, type Development, type DevelopmentType } from '@story-tracker/domain';
import { validationFailed } from '../errors/api-error';
import { DEVELOPMENT_DTOS, type DevelopmentDtoClass } from '../stories/dto/developments/development-dto.registry';
import { fieldPath } from './field-path';
import { isPlainObject, validateInput } from './validate';

/** A posted development, validated with the DTO of the type it names; `editSummary` is split off. */
export function parseDevelopment(body: unknown): { development: Development; editSummary?: string } {
  if (!isPlainObject(body)) throw validationFailed([{ field: 'body', messages: ['must be a JSON object'] }]);
  const type = body['type'];
  if (typeof type !== 'string' || !(DEVELOPMENT_TYPES as string[]).includes(type)) {
    throw validationFailed([{ field: 'type', messages: [`type must be one of ${DEVELOPMENT_TYPES.join(', ')}`] }]);
  }
  const { editSummary, ...development } = validateInput(dtoOf(type as DevelopmentType), body);
  return { development: plain(development) as unknown as Development, ...(editSummary !== undefined && { editSummary }) };
}

/**
 * The `changes` of a correction, validated as a partial development of the corrected one's type.
 * `type`, references and `editSummary` are not fields a correction can set.
 */
export function parseCorrectionChanges(type: DevelopmentType, changes: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(changes);
  const problems = [
    ...(entries.length === 0 ? [{ field: 'changes', messages: ['changes must name at least one field'] }] : []),
    ...entries
      .filter(([field, value]) => value === null || field === 'editSummary')
      .map(([field]) => ({ field: fieldPath('changes', field), messages: [field === 'editSummary' ? 'editSummary is not a field of the development' : `${field} cannot be null`] })),
  ];
  if (problems.length > 0) throw validationFailed(problems);
  const referencesAndType = entries.filter(([field]) => field === 'type' || (REFERENCE_FIELDS as readonly string[]).includes(field));
  const { type: _type, ...validated } = plain(validateInput(dtoOf(type), { ...changes, type }, { prefix: 'changes', partial: true }));
  // Type and references pass through so that the domain can name the rule they break.
  return { ...validated, ...Object.fromEntries(referencesAndType) };
}

/** A DTO instance as plain data, without the properties that were not sent. */
function plain(instance: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
}

function dtoOf(type: DevelopmentType): DevelopmentDtoClass {
  return DEVELOPMENT_DTOS[type];
}
