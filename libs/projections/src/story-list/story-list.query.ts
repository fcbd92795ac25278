import type Database from 'better-sqlite3';

export interface StoryListItem {
  readonly id: string;
  readonly headline: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly status: string;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface StoryListFilter {
  /** Text to find in headline or summary, case-insensitively. */
  readonly q?: string;
  readonly tag?: string;
  readonly limit: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface StoryListPage {
  readonly items: StoryListItem[];
  readonly nextCursor: string | null;
}

interface StoryListRow {
  id: string;
  headline: string;
  summary: string;
  tags: string;
  status: string;
  revision: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
  position: number;
}

/** Reads the story list: newest change first, filtered, paged by an opaque cursor. */
export class StoryListQuery {
  constructor(private readonly db: Database.Database) {}

  page(filter: StoryListFilter): StoryListPage {
    const conditions: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit + 1 };
    if (filter.cursor !== undefined) {
      conditions.push('position < @before');
      params['before'] = decodeCursor(filter.cursor);
    }
    if (filter.q) {
      conditions.push("(headline LIKE @q ESCAPE '\\' OR summary LIKE @q ESCAPE '\\')");
      params['q'] = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (filter.tag) {
      conditions.push('EXISTS (SELECT 1 FROM json_each(story_list.tags) WHERE value = @tag)');
      params['tag'] = filter.tag.trim().toLowerCase();
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.db
      .prepare<[Record<string, unknown>], StoryListRow>(`SELECT * FROM story_list ${where} ORDER BY position DESC LIMIT @limit`)
      .all(params);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return { items: page.map(toItem), nextCursor: rows.length > filter.limit && last ? encodeCursor(last.position) : null };
  }
}

export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`The cursor ${JSON.stringify(cursor)} was not made by this server`);
    this.name = 'InvalidCursorError';
  }
}

function toItem(row: StoryListRow): StoryListItem {
  return {
    id: row.id,
    headline: row.headline,
    summary: row.summary,
    tags: JSON.parse(row.tags) as string[],
    status: row.status,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function encodeCursor(position: number): string {
  return Buffer.from(`p:${position}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^p:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError(cursor);
  return Number(match[1]);
}
