namespace Vigil.Storage.Sqlite;

/// <summary>
/// The schema as an ordered list of migrations. Migration N is element N-1; each is applied once, in order, inside its
/// own transaction, and recorded in <c>schema_migrations</c>. To change the schema, append a new element: never edit
/// one that has shipped, since databases in the field have already applied it.
/// </summary>
internal static class SqliteMigrations
{
    /// <remarks>
    /// Times are Unix milliseconds (UTC) so they sort and compare as integers. Lists (hashtags, mentions, urls) are one
    /// TEXT column joined by U+001F, NULL when empty: a separate table would cost a row per tag on the hot insert path.
    /// Keyed tables are WITHOUT ROWID so the platform id is the clustering key: one b-tree per insert and reads in id
    /// order are a plain scan.
    /// </remarks>
    public static readonly IReadOnlyList<string> All =
    [
        // 1: ingested platform data
        """
        CREATE TABLE accounts (
            id TEXT NOT NULL PRIMARY KEY,
            handle TEXT NOT NULL,
            display_name TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            followers INTEGER NOT NULL,
            following INTEGER NOT NULL,
            post_count INTEGER NOT NULL,
            listed INTEGER NOT NULL,
            verified INTEGER NOT NULL,
            paid_tier INTEGER NOT NULL,
            description TEXT NOT NULL,
            default_profile INTEGER NOT NULL,
            default_profile_image INTEGER NOT NULL,
            suspended_at INTEGER,
            restored_at INTEGER
        ) WITHOUT ROWID;
        CREATE TABLE posts (
            id TEXT NOT NULL PRIMARY KEY,
            author_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            text TEXT NOT NULL,
            lang TEXT,
            reply_to_id TEXT,
            quote_of_id TEXT,
            repost_of_id TEXT,
            hashtags TEXT,
            mentions TEXT,
            urls TEXT,
            views INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE interactions (
            post_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            account_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (post_id, kind, account_id, at)
        ) WITHOUT ROWID;
        """,
        // 2: detector output, one row per post and model version
        """
        CREATE TABLE assessments (
            model_version TEXT NOT NULL,
            post_id TEXT NOT NULL,
            taxonomy_version TEXT NOT NULL,
            p_hateful REAL NOT NULL,
            hateful INTEGER NOT NULL,
            p_antisemitic REAL NOT NULL,
            antisemitic INTEGER NOT NULL,
            target TEXT NOT NULL,
            code TEXT NOT NULL,
            consensus TEXT NOT NULL,
            explicitness TEXT NOT NULL,
            code_confidence REAL NOT NULL,
            language TEXT NOT NULL,
            language_supported INTEGER NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (model_version, post_id)
        ) WITHOUT ROWID;
        """,
        // 3: amplifier stage output. A run is keyed by analysis_id (AnalysisKey.Id: a hash of the detector version, bot
        // model version and coordination settings, which analysis_runs spells out); bot scores depend on the bot model
        // alone and are keyed by its version. Cluster kinds are a JSON array of {"kind","weight","pairs"}; weeks are
        // ISO dates (the Monday); co-action times are Unix seconds, as the coordination stage reports them.
        """
        CREATE TABLE analysis_runs (
            analysis_id TEXT NOT NULL PRIMARY KEY,
            detector_version TEXT NOT NULL,
            bot_model_version TEXT NOT NULL,
            settings TEXT NOT NULL,
            saved_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE bot_scores (
            model_version TEXT NOT NULL,
            account_id TEXT NOT NULL,
            p_bot REAL NOT NULL,
            is_bot INTEGER NOT NULL,
            top_features TEXT NOT NULL,
            PRIMARY KEY (model_version, account_id)
        ) WITHOUT ROWID;
        CREATE TABLE clusters (
            analysis_id TEXT NOT NULL,
            cluster_id INTEGER NOT NULL,
            kinds TEXT NOT NULL,
            total_weight INTEGER NOT NULL,
            mean_weight REAL NOT NULL,
            density REAL NOT NULL,
            first_co_action REAL NOT NULL,
            last_co_action REAL NOT NULL,
            PRIMARY KEY (analysis_id, cluster_id)
        ) WITHOUT ROWID;
        CREATE TABLE cluster_members (
            analysis_id TEXT NOT NULL,
            cluster_id INTEGER NOT NULL,
            account_id TEXT NOT NULL,
            PRIMARY KEY (analysis_id, cluster_id, account_id)
        ) WITHOUT ROWID;
        CREATE TABLE post_amplification (
            analysis_id TEXT NOT NULL,
            post_id TEXT NOT NULL,
            author_id TEXT NOT NULL,
            week TEXT NOT NULL,
            category TEXT NOT NULL,
            reposts INTEGER NOT NULL,
            bot_reposts INTEGER NOT NULL,
            cluster_reposts INTEGER NOT NULL,
            amplifier_reposts INTEGER NOT NULL,
            views REAL NOT NULL,
            bot_views REAL NOT NULL,
            cluster_views REAL NOT NULL,
            amplifier_views REAL NOT NULL,
            PRIMARY KEY (analysis_id, post_id)
        ) WITHOUT ROWID;
        CREATE TABLE weekly_amplification (
            analysis_id TEXT NOT NULL,
            week TEXT NOT NULL,
            category TEXT NOT NULL,
            posts INTEGER NOT NULL,
            reposts INTEGER NOT NULL,
            bot_reposts INTEGER NOT NULL,
            cluster_reposts INTEGER NOT NULL,
            amplifier_reposts INTEGER NOT NULL,
            views REAL NOT NULL,
            bot_views REAL NOT NULL,
            cluster_views REAL NOT NULL,
            amplifier_views REAL NOT NULL,
            PRIMARY KEY (analysis_id, week, category)
        ) WITHOUT ROWID;
        """,
        // 4: the decision log (DecisionLog/SqliteDecisionLog). IF NOT EXISTS because the log created this table itself
        // before it was a migration: a database from then already has it, with events whose hash chain must stay as is.
        // No index on subject: state is derived by replaying the whole log in memory, so only the id (idempotency) is
        // looked up in SQL, and every extra index would slow the append path.
        """
        CREATE TABLE IF NOT EXISTS decision_events (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            at TEXT NOT NULL,
            subject TEXT NOT NULL,
            actor TEXT NOT NULL,
            policy_version TEXT NOT NULL,
            model_version TEXT NOT NULL,
            taxonomy_version TEXT NOT NULL,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL);
        """,
        // 5: the HTTP server's API keys (Vigil.Server/Access/ApiKeyStore): only a SHA-256 of each secret; revoked, never
        // deleted, so the log's actors stay traceable to a key. IF NOT EXISTS for the same reason as migration 4.
        """
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            secret_sha256 BLOB NOT NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT,
            requests_per_second INTEGER
        );
        """,
        // 6: the AT Protocol labeler's sequence (Vigil.Server/Labeler/IssuedLabels): every label it issued, signed, under
        // the number subscribers' cursors refer to; the labels themselves are derived from the decision log.
        """
        CREATE TABLE IF NOT EXISTS atproto_labels (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            src TEXT NOT NULL, uri TEXT NOT NULL, val TEXT NOT NULL, neg INTEGER NOT NULL, cts TEXT NOT NULL,
            exp TEXT, cid TEXT, sig BLOB NOT NULL,
            UNIQUE (src, uri, val, neg, cts));
        """,
    ];
}
