import { scaleStore } from './scale-store.fixture';

/** `node dist/bench/src/scale/build-scale-store.main.js STORIES EVENTS_PER_STORY`: builds (or finds) a cached scale store. */
const [stories, eventsPerStory] = process.argv.slice(2).map(Number);
const store = scaleStore({ stories: stories ?? 1000, eventsPerStory: eventsPerStory ?? 1000 }, (line) => process.stdout.write(`${line}\n`));
process.stdout.write(`${JSON.stringify(store)}\n`);
