import type { Pool } from 'pg';

/**
 * The PostgreSQL layout, as numbered migrations recorded in `schema_migrations`. They run when a
 * store opens, in one transaction under an advisory lock, so several instances starting together on
 * a fresh database take turns: the first creates the tables, the others find them recorded.
 * A migration is never edited once released; a change is a new number.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, idempotency keys and the log head',
    sql: `
      CREATE TABLE events (
        -- Given out under the log head's row lock, so dense and in commit order (see the store).
        global_position bigint  PRIMARY KEY CHECK (global_position >= 1),
        stream_id       text    NOT NULL,
        revision        integer NOT NULL CHECK (revision >= 1),
        type            text    NOT NULL,
        -- json, not jsonb: the exact text written is kept (jsonb would refuse \\u0000 and reorder
        -- keys), and other tools can still query it with -> and ->>.
        data            json    NOT NULL,
        metadata        json    NOT NULL,
        hash            text    NOT NULL,
        previous_hash   text    NOT NULL,
        -- The last line of defence against lost updates: whatever a writer believed, two events can
        -- never take the same place in a stream. Its index also serves every stream read.
        CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision)
      );

      CREATE TABLE idempotency_keys (
        scope       text    NOT NULL,
        key         text    NOT NULL,
        fingerprint text    NOT NULL,
        status      integer NOT NULL,
        body        json    NOT NULL,
        -- The stream the keyed request wrote to, for audits; NULL when it appended nothing.
        stream_id   text,
        CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, key)
      );

      -- One row: the global position of the newest event. Every append updates it first, and the
      -- row lock it takes is what puts appends in one order (see postgres-event-store.ts).
      CREATE TABLE event_log_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position  bigint  NOT NULL CHECK (position >= 0)
      );
      INSERT INTO event_log_head (singleton, position) VALUES (true, 0);

      -- An append's first step in one round trip: the stream's own lock, then its head and whether
      -- the idempotency key is kept. VOLATILE, so in READ COMMITTED the read takes a new snapshot
      -- after the lock was granted and sees what the previous holder committed (one plain statement
      -- would read with the snapshot it took before it waited). The two-key advisory lock with a
      -- constant first key stays apart from anyone's one-key locks; streams whose names hash alike
      -- merely take turns.
      CREATE FUNCTION event_store_lock_stream(p_stream_id text, p_scope text, p_key text)
        RETURNS TABLE (revision integer, hash text, key_taken boolean)
        LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(1400140800, hashtext(p_stream_id));
        RETURN QUERY
          SELECT head.revision, head.hash,
                 EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.scope = p_scope AND k.key = p_key)
          FROM (SELECT NULL::integer AS revision, NULL::text AS hash) AS none
          LEFT JOIN LATERAL (
            SELECT e.revision, e.hash FROM events e WHERE e.stream_id = p_stream_id ORDER BY e.revision DESC LIMIT 1
          ) AS head ON true;
      END $$;
    `,
  },
  {
    version: 2,
    name: 'one lock step for a batch of appends (group commit)',
    sql: `
      -- The first step of a batch of appends, in one round trip: the lock of every stream in the
      -- batch, taken in the order of the lock keys so that two batches sharing streams cannot
      -- deadlock, then each stream's head (one row per stream id, revision and hash NULL for a new
      -- stream) and the batch's idempotency keys that are already kept (rows with taken_scope set).
      -- The log head's lock is only taken afterwards, by the write, as for a single append.
      CREATE FUNCTION event_store_lock_streams(p_stream_ids text[], p_scopes text[], p_keys text[])
        RETURNS TABLE (stream_id text, revision integer, hash text, taken_scope text, taken_key text)
        LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        lock_key integer;
      BEGIN
        FOR lock_key IN SELECT DISTINCT hashtext(s.id) FROM unnest(p_stream_ids) AS s(id) ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(1400140800, lock_key);
        END LOOP;
        RETURN QUERY
          SELECT s.id, head.revision, head.hash, NULL::text, NULL::text
          FROM unnest(p_stream_ids) AS s(id)
          LEFT JOIN LATERAL (
            SELECT e.revision, e.hash FROM events e WHERE e.stream_id = s.id ORDER BY e.revision DESC LIMIT 1
          ) AS head ON true
          UNION ALL
          SELECT NULL::text, NULL::integer, NULL::text, k.scope, k.key
          FROM idempotency_keys k
          JOIN unnest(p_scopes, p_keys) AS wanted(scope, key) ON k.scope = wanted.scope AND k.key = wanted.key;
      END $$;
    `,
  },
  {
    version: 3,
    name: 'snapshots of folded stream state',
    sql: `
      -- Persistent snapshots of folded story state: a cache (deleting rows, or all of them, loses nothing
      -- but the time to fold again). A row without a state is a time mark (revision, hash, record time).
      CREATE TABLE snapshots (
        stream_id    text             NOT NULL,
        code_version text             NOT NULL,
        revision     integer          NOT NULL CHECK (revision >= 1),
        event_hash   text             NOT NULL,
        recorded_at  double precision NOT NULL,
        state        bytea,
        CONSTRAINT snapshots_pkey PRIMARY KEY (stream_id, code_version, revision)
      );
      -- States are large and written once: keep them out of line, uncompressed (they are read whole).
      ALTER TABLE snapshots ALTER COLUMN state SET STORAGE EXTERNAL;
    `,
  },
  {
    version: 4,
    name: 'the webhook outbox',
    sql: `
      -- One row per alert to deliver (see PostgresWebhookOutbox), shared by every instance: the key
      -- makes the instances that raise the same alert hand it over once. Times are milliseconds since
      -- the epoch, as the instances' clocks give them. No payload: the alert is read again at each attempt.
      CREATE TABLE webhook_deliveries (
        alert_id         text    PRIMARY KEY,
        watch_id         text    NOT NULL,
        url              text    NOT NULL,
        state            text    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
        attempts         integer NOT NULL CHECK (attempts >= 0),
        enqueued_at      bigint  NOT NULL,
        first_attempt_at bigint,
        next_attempt_at  bigint  NOT NULL,
        lease_token      text,
        lease_until      bigint,
        finished_at      bigint
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
      CREATE INDEX webhook_deliveries_by_watch ON webhook_deliveries (watch_id, state);
      CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (finished_at) WHERE state <> 'pending';
      CREATE TABLE webhook_attempts (
        alert_id text    NOT NULL,
        attempt  integer NOT NULL CHECK (attempt >= 1),
        watch_id text    NOT NULL,
        at       bigint  NOT NULL,
        status   integer,
        error    text,
        CONSTRAINT webhook_attempts_pkey PRIMARY KEY (alert_id, attempt)
      );
      CREATE INDEX webhook_attempts_by_watch ON webhook_attempts (watch_id, at);
    `,
  },
  {
    version: 5,
    name: 'a batch of appends sealed on the heads the instance believes, in one round trip',
    sql: `
      -- A batch of appends in one round trip (one statement, its own transaction), for a store that
      -- already knows its streams' heads (its own last appends): each append arrives sealed (revisions and hashes) on the head the instance
      -- believed its stream had, and is checked here under the streams' locks, in the batch's order,
      -- as if each were committed before the next (event_store_lock_streams and the instance's checks,
      -- in one step). Per append, one row in the batch's order:
      --   'ok'        written; first_position is its first event's (none without events);
      --   'stale'     the stream's head is not the one it was sealed on (another instance wrote): the
      --               head found, for the instance to check the append again and seal it anew;
      --   'key-taken' its idempotency key is kept already (or taken earlier in the batch);
      --   'followed'  it was decided on the result of an append that failed (p_follows: the 1-based
      --               index of that append in the batch, or 0 for one of an earlier batch);
      -- head_revision and head_hash are the stream's head after the append's turn. The events of the
      -- 'ok' appends take positions as WRITE_BATCH gives them: under the log head's row lock, dense.
      -- p_event_counts says how many of the e_ rows (events, in the batch's order) are each append's.
      CREATE FUNCTION event_store_append_sealed(
        p_streams text[], p_prev_revisions integer[], p_prev_hashes text[], p_follows integer[], p_event_counts integer[],
        p_key_scopes text[], p_key_keys text[], p_key_fingerprints text[], p_key_statuses integer[], p_key_bodies json[],
        e_revisions integer[], e_types text[], e_data json[], e_metadata json[], e_hashes text[], e_previous_hashes text[],
        p_genesis text, p_channel text)
        RETURNS TABLE (outcome text, head_revision integer, head_hash text, first_position bigint)
        LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        appends integer := coalesce(array_length(p_streams, 1), 0);
        lock_key integer;
        outcomes text[] := '{}';
        revisions_after integer[] := '{}';
        hashes_after text[] := '{}';
        known_streams text[];
        known_revisions integer[];
        known_hashes text[];
        taken_scopes text[];
        taken_keys text[];
        event_streams text[] := '{}';
        event_kept boolean[] := '{}';
        stream_index integer;
        before integer;
        first_event integer := 0;
        total integer := 0;
        base bigint := 0;
        written integer := 0;
      BEGIN
        -- Called as a statement of its own (its own transaction): durable whatever the server's default,
        -- as BEGIN_DURABLE makes the other appends. Set for the transaction, so it holds at its COMMIT.
        PERFORM set_config('synchronous_commit', 'on', true);
        IF coalesce(array_length(e_revisions, 1), 0) <> (SELECT coalesce(sum(c), 0) FROM unnest(p_event_counts) AS n(c))
           OR EXISTS (SELECT 1 FROM unnest(p_follows) WITH ORDINALITY AS f(before, at) WHERE f.before < 0 OR f.before >= f.at)
           OR EXISTS (SELECT 1 FROM unnest(p_prev_revisions, p_prev_hashes, p_event_counts) AS a(revision, hash, events) WHERE a.revision IS NULL OR a.hash IS NULL OR a.events IS NULL OR a.events < 0) THEN
          RAISE EXCEPTION 'event_store_append_sealed: the batch does not hold together';
        END IF;
        FOR lock_key IN SELECT DISTINCT hashtext(s.id) FROM unnest(p_streams) AS s(id) ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(1400140800, lock_key);
        END LOOP;
        -- Read after the locks were granted: this VOLATILE function's statements take new snapshots.
        SELECT coalesce(array_agg(s.id), '{}'), coalesce(array_agg(coalesce(head.revision, 0)), '{}'), coalesce(array_agg(coalesce(head.hash, p_genesis)), '{}')
          INTO known_streams, known_revisions, known_hashes
          FROM (SELECT DISTINCT d.id FROM unnest(p_streams) AS d(id)) AS s
          LEFT JOIN LATERAL (
            SELECT e.revision, e.hash FROM events e WHERE e.stream_id = s.id ORDER BY e.revision DESC LIMIT 1
          ) AS head ON true;
        SELECT coalesce(array_agg(k.scope), '{}'), coalesce(array_agg(k.key), '{}') INTO taken_scopes, taken_keys
          FROM idempotency_keys k JOIN unnest(p_key_scopes, p_key_keys) AS wanted(scope, key) ON k.scope = wanted.scope AND k.key = wanted.key;
        FOR i IN 1..appends LOOP
          stream_index := array_position(known_streams, p_streams[i]);
          before := p_follows[i];
          IF before IS NOT NULL AND (before = 0 OR outcomes[before] IS DISTINCT FROM 'ok') THEN
            outcomes[i] := 'followed';
          ELSIF p_key_scopes[i] IS NOT NULL AND EXISTS (
            SELECT 1 FROM unnest(taken_scopes, taken_keys) AS t(scope, key) WHERE t.scope = p_key_scopes[i] AND t.key = p_key_keys[i]
          ) THEN
            outcomes[i] := 'key-taken';
          ELSIF known_revisions[stream_index] IS DISTINCT FROM p_prev_revisions[i] OR known_hashes[stream_index] IS DISTINCT FROM p_prev_hashes[i] THEN
            outcomes[i] := 'stale';
          ELSE
            outcomes[i] := 'ok';
            IF p_event_counts[i] > 0 THEN
              known_revisions[stream_index] := p_prev_revisions[i] + p_event_counts[i];
              known_hashes[stream_index] := e_hashes[first_event + p_event_counts[i]];
            END IF;
            IF p_key_scopes[i] IS NOT NULL THEN
              taken_scopes := taken_scopes || p_key_scopes[i];
              taken_keys := taken_keys || p_key_keys[i];
            END IF;
            total := total + p_event_counts[i];
          END IF;
          revisions_after[i] := known_revisions[stream_index];
          hashes_after[i] := known_hashes[stream_index];
          FOR j IN 1..p_event_counts[i] LOOP
            event_streams[first_event + j] := p_streams[i];
            event_kept[first_event + j] := outcomes[i] = 'ok';
          END LOOP;
          first_event := first_event + p_event_counts[i];
        END LOOP;
        IF total > 0 THEN
          UPDATE event_log_head SET position = position + total RETURNING position - total INTO base;
          INSERT INTO events (global_position, stream_id, revision, type, data, metadata, hash, previous_hash)
            SELECT base + row_number() OVER (ORDER BY e.ordinal), event_streams[e.ordinal], e.revision, e.type, e.data, e.metadata, e.hash, e.previous_hash
            FROM unnest(e_revisions, e_types, e_data, e_metadata, e_hashes, e_previous_hashes)
              WITH ORDINALITY AS e(revision, type, data, metadata, hash, previous_hash, ordinal)
            WHERE event_kept[e.ordinal];
          PERFORM pg_notify(p_channel, (base + total)::text);
        END IF;
        INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, stream_id)
          SELECT k.scope, k.key, k.fingerprint, k.status, k.body, CASE WHEN p_event_counts[k.ordinal] > 0 THEN p_streams[k.ordinal] END
          FROM unnest(p_key_scopes, p_key_keys, p_key_fingerprints, p_key_statuses, p_key_bodies)
            WITH ORDINALITY AS k(scope, key, fingerprint, status, body, ordinal)
          WHERE k.scope IS NOT NULL AND outcomes[k.ordinal] = 'ok';
        FOR i IN 1..appends LOOP
          outcome := outcomes[i];
          head_revision := revisions_after[i];
          head_hash := hashes_after[i];
          first_position := CASE WHEN outcomes[i] = 'ok' AND p_event_counts[i] > 0 THEN base + written + 1 END;
          IF outcomes[i] = 'ok' THEN written := written + p_event_counts[i]; END IF;
          RETURN NEXT;
        END LOOP;
      END $$;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Any constant will do, as long as every instance uses the same one (pg_advisory_xact_lock takes a bigint). */
const MIGRATION_LOCK_KEY = '7305198422370452001';

/**
 * Brings the database to SCHEMA_VERSION. The advisory lock is taken before anything is read or
 * created (even `CREATE TABLE IF NOT EXISTS` races with itself in PostgreSQL), and it is a
 * transaction lock, so it is let go at COMMIT or ROLLBACK however this ends: a crash halfway leaves
 * nothing applied and nothing locked.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const client = await pool.connect();
  // Out of the pool, nothing else hears the 'error' a dying connection emits (see the store).
  const ignore = () => undefined;
  client.on('error', ignore);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer     PRIMARY KEY,
        name       text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const known = new Set(migrations.map((migration) => migration.version));
    const unknown = [...applied].filter((version) => !known.has(version)).sort((a, b) => a - b);
    if (unknown.length > 0) {
      throw new Error(
        `The database holds schema migration ${unknown.join(', ')}, which this build does not know (it knows up to ${migrations[migrations.length - 1]?.version ?? 0}); run a newer build`,
      );
    }
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.removeListener('error', ignore);
    client.release(broken);
  }
}
