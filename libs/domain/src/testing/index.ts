/** Test helpers for specs of the story decider; import from here, never from the lib's main index. */
export * from './story-spec';
export * from './story-fixtures';
export * from './encoded-entries';
export * from './every-type-history';
