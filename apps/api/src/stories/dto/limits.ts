/** Length limits of text fields: generous for prose, tight for names. */
export const MAX = {
  name: 200,
  headline: 300,
  summary: 5000,
  text: 10000,
  url: 2000,
  editSummary: 500,
  tags: 50,
  tag: 50,
  list: 50,
} as const;
