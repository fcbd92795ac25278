// The last checkpoint this browser saw of a log, kept in localStorage (one per log, by its origin) with
// the time it was kept: what the next visit asks the server to prove today's log extends. It is only
// ever replaced after such a proof, so after a failed check it stays as the evidence.

const PREFIX = 'story-tracker.last-checkpoint:';

export const keptCheckpointKey = (origin) => `${PREFIX}${origin}`;

/**
 * `{ state: 'none' }`, `{ state: 'kept', checkpoint, keptAt }`, `{ state: 'unreadable', raw }` (not
 * what this page writes) or `{ state: 'unavailable' }` (the browser keeps nothing for this page).
 */
export function readKeptCheckpoint(origin) {
  let raw;
  try {
    raw = localStorage.getItem(keptCheckpointKey(origin));
  } catch {
    return { state: 'unavailable' };
  }
  if (raw === null) return { state: 'none' };
  try {
    const { checkpoint, keptAt } = JSON.parse(raw);
    if (typeof checkpoint === 'string' && typeof keptAt === 'string') return { state: 'kept', checkpoint, keptAt };
  } catch {
    // not JSON: unreadable below
  }
  return { state: 'unreadable', raw };
}

/** Keeps `checkpoint` (its text as the server issued it); false when the browser refuses. */
export function keepCheckpoint(origin, checkpoint, keptAt = new Date().toISOString()) {
  try {
    localStorage.setItem(keptCheckpointKey(origin), JSON.stringify({ checkpoint, keptAt }));
    return true;
  } catch {
    return false;
  }
}
