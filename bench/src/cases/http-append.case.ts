import { APPEND_STORY, TROOP_ESTIMATE_BODY } from '../fixtures';
import type { BenchCase } from './bench-case';

const BODY = JSON.stringify(TROOP_ESTIMATE_BODY);

/** Recording a troop estimate: validation, auth, load + decide + one durable append, read model. */
export const httpAppendCase: BenchCase = {
  name: 'http-append',
  request: 'POST /stories/{id}/developments (troop-estimate)',
  load: (target, settings) => ({
    url: `${target.baseUrl}/stories/${APPEND_STORY}/developments`,
    method: 'POST',
    headers: target.headers,
    body: BODY,
    connections: settings.connections,
    amount: settings.amount,
  }),
};
