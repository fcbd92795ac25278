import type { LoadRequest } from '../load/load-result';
import type { LoadSettings } from '../settings';
import type { HttpTarget } from '../targets/http-target';

/** GET /stories/{slug} with the target's credentials (a GET has no body, so no content type). */
export function storyGet(target: HttpTarget, settings: LoadSettings, slug: string): LoadRequest {
  return {
    url: `${target.baseUrl}/stories/${slug}`,
    method: 'GET',
    headers: Object.fromEntries(Object.entries(target.headers).filter(([name]) => name !== 'content-type')),
    connections: settings.connections,
    amount: settings.amount,
  };
}
