import { APPEND_STORY } from '../fixtures';
import type { BenchCase } from './bench-case';
import { storyGet } from './story-get';

/**
 * Reading the current state of the story the append case just wrote (thousands of troop
 * estimates). Building our document walks every development the story ever had, so this read costs
 * in proportion to the story's length; with the shared settings it alone would take minutes. It
 * runs fewer requests, on both sides alike, and the report says so.
 */
export const httpCurrentStateLongCase: BenchCase = {
  name: 'http-current-state-long',
  request: 'GET /stories/{id} (the append story)',
  settings: { amount: 300, warmup: 50, rounds: 1 },
  load: (target, settings) => storyGet(target, settings, APPEND_STORY),
};
