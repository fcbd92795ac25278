/**
 * The cache policies of our answers. Almost everything the API says is private to the token that asked
 * (drafts, the raw log, who wrote what), so nothing is stored by any cache unless a route says so.
 */
export const CACHE_CONTROL = {
  /** The default, errors included: no cache, private or shared, keeps a copy. */
  noStore: 'private, no-store',
  /**
   * GET /stories/{id}: the browser may keep it but must ask again every time (If-None-Match), so a
   * reader polling gets a cheap 304 and never a stale state; shared caches keep nothing. Not a
   * max-age even for a past revision: what may be shown of a revision can still change.
   */
  revalidate: 'private, no-cache',
} as const;

/** Set on every answer before the route runs; a route may change `cache-control` (see CACHE_CONTROL). */
export const DEFAULT_RESPONSE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': CACHE_CONTROL.noStore,
} as const;
