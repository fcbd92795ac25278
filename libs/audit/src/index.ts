// The public face of @story-tracker/audit: what auditors (the API's audit routes and the CLI) use to
// check a story's history. It reads through the event store port only and never writes.
export { replayStory, type ReplayOptions, type StoryReplay } from './replay/replay-story';
export { auditStory, type AuditOptions, type StoryAudit } from './audit-story';
export { stateHashOf } from './state-hash';
export { toRawLogEntry, type RawLogEntry } from './export/raw-log-entry';
export { exportStory } from './export/export-story';
export { listStoryIds, type ListStoriesOptions } from './story-streams';
