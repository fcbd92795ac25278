import { DEVELOPMENT_TYPES, definitionOf, type DevelopmentType } from '@story-tracker/domain';

interface DevelopmentExample {
  readonly summary: string;
  readonly value: Readonly<Record<string, unknown>> & { readonly type: DevelopmentType };
}

/** Examples of POST /stories/{id}/developments bodies, one per development type, from its definition. */
export function DEVELOPMENT_EXAMPLES(): { readonly [T in DevelopmentType]: DevelopmentExample } {
  return Object.fromEntries(
    DEVELOPMENT_TYPES.map((type) => {
      const { label, example } = definitionOf(type);
      return [type, { summary: label, value: { type, ...example } }];
    }),
  ) as { readonly [T in DevelopmentType]: DevelopmentExample };
}
