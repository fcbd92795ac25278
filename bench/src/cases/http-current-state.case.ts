import { READ_STORY } from '../fixtures';
import type { BenchCase } from './bench-case';
import { storyGet } from './story-get';

/** Reading the current state of a story of typical length (READ_STORY_LENGTH developments). */
export const httpCurrentStateCase: BenchCase = {
  name: 'http-current-state',
  request: 'GET /stories/{id}',
  load: (target, settings) => storyGet(target, settings, READ_STORY),
};
