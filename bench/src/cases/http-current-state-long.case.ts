import { APPEND_STORY } from '../fixtures';
import type { BenchCase } from './bench-case';
import { storyGet } from './story-get';

/**
 * Reading the current state of the story the append case just wrote (thousands of troop
 * estimates). Its document is built once per revision and then sent from its bytes, as for any
 * story, so it runs the shared settings: with the 300 requests it once had (when every read walked
 * the whole story) a round lasted some 40 ms, and its ratio was mostly the load's own start-up.
 */
export const httpCurrentStateLongCase: BenchCase = {
  name: 'http-current-state-long',
  request: 'GET /stories/{id} (the append story)',
  load: (target, settings) => storyGet(target, settings, APPEND_STORY),
};
