import { FIELD_LIMITS } from '@story-tracker/domain';

/** Length limits of text fields: generous for prose, tight for names. Those of development fields are the domain's. */
export const MAX = {
  name: FIELD_LIMITS.name,
  headline: 300,
  summary: 5000,
  text: FIELD_LIMITS.text,
  url: 2000,
  editSummary: 500,
  tags: 50,
  tag: 50,
  list: FIELD_LIMITS.list,
  reference: FIELD_LIMITS.reference,
  /** The largest head count a troop estimate or a deployment may give (why that bound: `FIELD_LIMITS`). */
  count: FIELD_LIMITS.count,
} as const;
