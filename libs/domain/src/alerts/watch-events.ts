import type { AlertKind } from './material-change';

/**
 * A reporter's watch, kept as events of its own stream (`watch-<id>`), so that every instance reads the
 * same watches in the log's order, and an alert can be told from the position of the watch's creation.
 */
export const WATCH_STREAM_PREFIX = 'watch-';

export function watchStreamName(watchId: string): string {
  return `${WATCH_STREAM_PREFIX}${watchId}`;
}

export interface WatchCreatedData {
  readonly watchId: string;
  readonly storyId: string;
  readonly on: readonly AlertKind[];
  readonly estimateThresholdPercent: number;
  /** Where alerts are posted; the secret that signs them is derived, never stored. */
  readonly webhook?: { readonly url: string };
}

export interface WatchCreated {
  readonly type: 'WatchCreated';
  readonly data: WatchCreatedData;
}

export interface WatchDeleted {
  readonly type: 'WatchDeleted';
  readonly data: { readonly watchId: string };
}

export type WatchEvent = WatchCreated | WatchDeleted;
