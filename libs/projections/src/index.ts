export * from './projection';
export * from './runner/projection-runner';
export * from './story-list/story-list.projection';
export * from './story-list/story-list.query';
export * from './read-model-database';
