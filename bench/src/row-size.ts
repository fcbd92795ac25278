import Database from 'better-sqlite3';

/**
 * Average stored bytes of a development row (data + metadata + both hashes) in an `events` table,
 * leaving out each stream's first event (our StoryOpened). Printed for ours and for the baseline, to
 * show that the baseline really writes rows of the same size.
 */
export function averageEventRowBytes(db: Database.Database): number {
  const row = db
    .prepare<[], { bytes: number | null }>(
      `SELECT AVG(LENGTH(CAST(data AS BLOB)) + LENGTH(CAST(metadata AS BLOB)) + LENGTH(hash) + LENGTH(previous_hash)) AS bytes
       FROM events WHERE revision > 1`,
    )
    .get();
  return Math.round(row?.bytes ?? 0);
}

/** The same, read from a SQLite file that another connection (our running API) has open. */
export function averageEventRowBytesIn(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return averageEventRowBytes(db);
  } finally {
    db.close();
  }
}
