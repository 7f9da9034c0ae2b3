using System.Globalization;
using Npgsql;

namespace Vigil.Postgres;

/// <summary>
/// The PostgreSQL schema as an ordered list of migrations, the same shape as SQLite's (<c>SqliteMigrations</c>) and the
/// same table names. Migration N is element N-1; each is applied once, in order, in its own transaction, and recorded
/// in <c>schema_migrations</c>. To change the schema, append a new element: never edit one that has shipped.
/// </summary>
/// <remarks>
/// Tables are created in the first schema of the connection's search path, so one database can hold several Vigil
/// instances (a schema each). Ids and other text keys are <c>COLLATE "C"</c>: byte order, the order SQLite reads them
/// in, whatever the database's locale, so every stage reads rows in the same order on both stores (and the btrees
/// compare bytes, not locale rules). Times are <c>timestamptz</c> to the millisecond, as SQLite keeps them; lists are
/// <c>text[]</c>. Stored JSON (evidence, co-action kinds) is <c>text</c>: read back as written, never queried.
/// </remarks>
internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<string> All =
    [
        // 1: ingested platform data
        """
        CREATE TABLE accounts (
            id text COLLATE "C" NOT NULL PRIMARY KEY,
            handle text NOT NULL,
            display_name text NOT NULL,
            created_at timestamptz NOT NULL,
            followers bigint NOT NULL,
            following bigint NOT NULL,
            post_count bigint NOT NULL,
            listed bigint NOT NULL,
            verified boolean NOT NULL,
            paid_tier boolean NOT NULL,
            description text NOT NULL,
            default_profile boolean NOT NULL,
            default_profile_image boolean NOT NULL,
            suspended_at timestamptz,
            restored_at timestamptz
        );
        CREATE TABLE posts (
            id text COLLATE "C" NOT NULL PRIMARY KEY,
            author_id text COLLATE "C" NOT NULL,
            created_at timestamptz NOT NULL,
            text text NOT NULL,
            lang text,
            reply_to_id text COLLATE "C",
            quote_of_id text COLLATE "C",
            repost_of_id text COLLATE "C",
            hashtags text[] NOT NULL,
            mentions text[] NOT NULL,
            urls text[] NOT NULL,
            views bigint NOT NULL
        );
        CREATE TABLE interactions (
            post_id text COLLATE "C" NOT NULL,
            kind text COLLATE "C" NOT NULL,
            account_id text COLLATE "C" NOT NULL,
            at timestamptz NOT NULL,
            count bigint NOT NULL,
            PRIMARY KEY (post_id, kind, account_id, at)
        );
        """,
        // 2: detector output, one row per post and model version
        """
        CREATE TABLE assessments (
            model_version text COLLATE "C" NOT NULL,
            post_id text COLLATE "C" NOT NULL,
            taxonomy_version text NOT NULL,
            p_hateful double precision NOT NULL,
            hateful boolean NOT NULL,
            p_antisemitic double precision NOT NULL,
            antisemitic boolean NOT NULL,
            target text NOT NULL,
            code text NOT NULL,
            consensus text NOT NULL,
            explicitness text NOT NULL,
            code_confidence double precision NOT NULL,
            language text NOT NULL,
            language_supported boolean NOT NULL,
            evidence text NOT NULL,
            PRIMARY KEY (model_version, post_id)
        );
        """,
        // 3: amplifier stage output, keyed as on SQLite: a run by analysis_id (AnalysisKey.Id), bot scores by the bot
        // model version. Weeks are dates (the Monday); co-action times are Unix seconds, as the coordination stage
        // reports them.
        """
        CREATE TABLE analysis_runs (
            analysis_id text COLLATE "C" NOT NULL PRIMARY KEY,
            detector_version text NOT NULL,
            bot_model_version text NOT NULL,
            settings text NOT NULL,
            saved_at timestamptz NOT NULL
        );
        CREATE TABLE bot_scores (
            model_version text COLLATE "C" NOT NULL,
            account_id text COLLATE "C" NOT NULL,
            p_bot double precision NOT NULL,
            is_bot boolean NOT NULL,
            top_features text NOT NULL,
            PRIMARY KEY (model_version, account_id)
        );
        CREATE TABLE clusters (
            analysis_id text COLLATE "C" NOT NULL,
            cluster_id integer NOT NULL,
            kinds text NOT NULL,
            total_weight bigint NOT NULL,
            mean_weight double precision NOT NULL,
            density double precision NOT NULL,
            first_co_action double precision NOT NULL,
            last_co_action double precision NOT NULL,
            PRIMARY KEY (analysis_id, cluster_id)
        );
        CREATE TABLE cluster_members (
            analysis_id text COLLATE "C" NOT NULL,
            cluster_id integer NOT NULL,
            account_id text COLLATE "C" NOT NULL,
            PRIMARY KEY (analysis_id, cluster_id, account_id)
        );
        CREATE TABLE post_amplification (
            analysis_id text COLLATE "C" NOT NULL,
            post_id text COLLATE "C" NOT NULL,
            author_id text NOT NULL,
            week date NOT NULL,
            category text COLLATE "C" NOT NULL,
            reposts integer NOT NULL,
            bot_reposts integer NOT NULL,
            cluster_reposts integer NOT NULL,
            amplifier_reposts integer NOT NULL,
            views double precision NOT NULL,
            bot_views double precision NOT NULL,
            cluster_views double precision NOT NULL,
            amplifier_views double precision NOT NULL,
            PRIMARY KEY (analysis_id, post_id)
        );
        CREATE TABLE weekly_amplification (
            analysis_id text COLLATE "C" NOT NULL,
            week date NOT NULL,
            category text COLLATE "C" NOT NULL,
            posts integer NOT NULL,
            reposts integer NOT NULL,
            bot_reposts integer NOT NULL,
            cluster_reposts integer NOT NULL,
            amplifier_reposts integer NOT NULL,
            views double precision NOT NULL,
            bot_views double precision NOT NULL,
            cluster_views double precision NOT NULL,
            amplifier_views double precision NOT NULL,
            PRIMARY KEY (analysis_id, week, category)
        );
        """,
        // 4: the decision log (PostgresDecisionLog). Every field is stored as it was hashed: `at` is the chain's text
        // form (100 ns ticks, finer than timestamptz). Appends are serialised by a table lock, readers are not; the
        // trigger refuses updates, deletes and truncation, so the log is append-only for every client of the database,
        // not only for Vigil (the hash chain still shows whatever an owner who drops the trigger changes).
        """
        CREATE TABLE decision_events (
            seq bigint NOT NULL PRIMARY KEY,
            id text COLLATE "C" NOT NULL UNIQUE,
            type text NOT NULL,
            at text NOT NULL,
            subject text COLLATE "C" NOT NULL,
            actor text NOT NULL,
            policy_version text NOT NULL,
            model_version text NOT NULL,
            taxonomy_version text NOT NULL,
            payload text NOT NULL,
            prev_hash text NOT NULL,
            hash text NOT NULL
        );
        CREATE FUNCTION decision_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'decision_events is append-only: % refused', TG_OP;
        END $$;
        CREATE TRIGGER decision_events_append_only BEFORE UPDATE OR DELETE ON decision_events
            FOR EACH ROW EXECUTE FUNCTION decision_events_append_only();
        CREATE TRIGGER decision_events_no_truncate BEFORE TRUNCATE ON decision_events
            FOR EACH STATEMENT EXECUTE FUNCTION decision_events_append_only();
        """,
        // 5: the HTTP server's API keys: only a SHA-256 of each secret; revoked, never deleted.
        """
        CREATE TABLE api_keys (
            id text COLLATE "C" PRIMARY KEY,
            name text NOT NULL UNIQUE,
            role text NOT NULL,
            secret_sha256 bytea NOT NULL,
            created_at text NOT NULL,
            revoked_at text,
            requests_per_second integer
        );
        """,
        // 6: the AT Protocol labeler's sequence: every label it issued, signed, under the number subscribers' cursors
        // refer to. Kept in step with SQLite's migration 6, so one version number means one schema on both backends.
        """
        CREATE TABLE atproto_labels (
            seq bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            src text NOT NULL, uri text NOT NULL, val text NOT NULL, neg boolean NOT NULL, cts text NOT NULL,
            exp text, cid text, sig bytea NOT NULL,
            UNIQUE (src, uri, val, neg, cts));
        """,
        // 7: the access paths beyond the primary keys: a subject's history in sequence order (the review queue, appeals
        // and the server's look-up of one post or account); the events of one type in order (the exports read
        // decisions and reversals, the review queue its requests); posts by time (report periods, measurement samples,
        // exports by date). Each costs ingest or append time, so there is no other: SQLite has none, it replays whole
        // tables.
        """
        CREATE INDEX decision_events_subject ON decision_events (subject, seq);
        CREATE INDEX decision_events_type ON decision_events (type, seq);
        CREATE INDEX posts_created_at ON posts (created_at, id);
        """,
        // 8: an account's cluster in a run (the server's account page: FindAccountAnalysisAsync); the primary key
        // (analysis_id, cluster_id, account_id) serves a cluster's members but not one account among a run's.
        """
        CREATE INDEX cluster_members_account ON cluster_members (analysis_id, account_id);
        """,
    ];

    /// <summary>The highest migration applied (0 for a database without a Vigil schema).</summary>
    public static async Task<int> SchemaVersionAsync(NpgsqlDataSource source, CancellationToken ct = default)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        return await SchemaVersionAsync(connection, null, ct);
    }

    /// <summary>
    /// Applies the migrations this schema has not applied yet, each in its own transaction. Safe from several processes
    /// at once: each transaction takes an advisory lock named after the schema, then re-reads the version.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource source, TimeProvider time, CancellationToken ct = default)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(connection, transaction, """
                SELECT pg_advisory_xact_lock(hashtextextended('vigil.migrate.' || current_schema(), 0));
                CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL);
                """, ct);
            var version = await SchemaVersionAsync(connection, transaction, ct) + 1;
            if (version > All.Count) return;
            await ExecuteAsync(connection, transaction, All[version - 1], ct);
            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                             connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
                record.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
                await record.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }

    private static async Task<int> SchemaVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        // A database without a Vigil schema (no schema_migrations table) is version 0.
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection, transaction);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return 0;
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
