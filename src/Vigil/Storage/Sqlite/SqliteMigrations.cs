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
    ];
}
