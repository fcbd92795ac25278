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
  /**
   * The largest head count a troop estimate or a deployment may give. The largest armed forces on
   * record muster a few million; ten million is above any figure a newsroom reports for one force,
   * far below the 2^53 where JSON numbers stop being exact, and refuses slips such as 1e8 or 1e308.
   */
  count: 10_000_000,
} as const;
