import { APPEND_STORIES, TROOP_ESTIMATE_BODY } from '../fixtures';
import type { BenchCase } from './bench-case';

const BODY = JSON.stringify(TROOP_ESTIMATE_BODY);

/** Recording troop estimates in ten stories at once: each connection writes to a story of its own. */
export const httpAppendManyStoriesCase: BenchCase = {
  name: 'http-append-10-stories',
  request: 'POST /stories/{id}/developments (troop-estimate), connection i to story i',
  load: (target, settings) => ({
    url: `${target.baseUrl}/stories/${APPEND_STORIES[0]}/developments`,
    method: 'POST',
    headers: target.headers,
    body: BODY,
    connections: settings.connections,
    amount: settings.amount,
    pathPerConnection: APPEND_STORIES.map((story) => `/stories/${story}/developments`),
  }),
};
