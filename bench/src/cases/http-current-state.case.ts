import { STORY_SLUG } from '../fixtures';
import type { BenchCase } from './bench-case';

/** Reading a story's current state document. */
export const httpCurrentStateCase: BenchCase = {
  name: 'http-current-state',
  request: 'GET /stories/{id}',
  load: (target, settings) => ({
    url: `${target.baseUrl}/stories/${STORY_SLUG}`,
    method: 'GET',
    // A GET has no body: every header the target needs except the body's content type.
    headers: Object.fromEntries(Object.entries(target.headers).filter(([name]) => name !== 'content-type')),
    connections: settings.connections,
    amount: settings.amount,
  }),
};
