using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Vigil.Amplification;
using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Postgres;

/// <summary>
/// The store on PostgreSQL, for several processes writing one database (ingest, workers, the server). Every write is
/// one transaction on a pooled connection. Platform records go in by binary COPY into a temporary table, then
/// <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>: the fastest bulk path PostgreSQL has, still idempotent by platform id,
/// and the rows the INSERT reports are exactly the new ones (duplicates inside a batch are set aside first, the first
/// one kept, as on SQLite). Staged rows are merged in key order, so concurrent writers of overlapping batches lock keys
/// in the same order and wait for each other instead of deadlocking. Reads stream one query each, in id order.
/// </summary>
/// <remarks>
/// The rows of a COPY are written with Npgsql's synchronous writer: it only fills a buffer, and blocks on the socket
/// once per buffer; awaiting every field would cost more than the I/O it waits for. Cancellation is checked per row; a
/// cancelled write rolls its transaction back, so it stores all of its batch or none.
/// </remarks>
public sealed class PostgresStore : IVigilStore
{
    private static readonly CopyTable<Account> Accounts = new("accounts",
    [
        "id", "handle", "display_name", "created_at", "followers", "following", "post_count", "listed", "verified",
        "paid_tier", "description", "default_profile", "default_profile_image", "suspended_at", "restored_at",
    ], WriteAccount, keyColumns: 1);

    private static readonly CopyTable<Post> Posts = new("posts",
    [
        "id", "author_id", "created_at", "text", "lang", "reply_to_id", "quote_of_id", "repost_of_id", "hashtags",
        "mentions", "urls", "views",
    ], WritePost, keyColumns: 1);

    private static readonly CopyTable<Interaction> Interactions = new("interactions",
        ["post_id", "kind", "account_id", "at", "count"], WriteInteraction, keyColumns: 4);

    private static readonly CopyTable<Assessment> Assessments = new("assessments",
    [
        "model_version", "post_id", "taxonomy_version", "p_hateful", "hateful", "p_antisemitic", "antisemitic", "target",
        "code", "consensus", "explicitness", "code_confidence", "language", "language_supported", "evidence",
    ], WriteAssessment, keyColumns: 2);

    private static readonly CopyTable<(string ModelVersion, StoredBotScore Score)> BotScores = new("bot_scores",
        ["model_version", "account_id", "p_bot", "is_bot", "top_features"], WriteBotScore);

    private static readonly CopyTable<(string AnalysisId, StoredCluster Cluster)> Clusters = new("clusters",
    [
        "analysis_id", "cluster_id", "kinds", "total_weight", "mean_weight", "density", "first_co_action", "last_co_action",
    ], WriteCluster);

    private static readonly CopyTable<(string AnalysisId, int ClusterId, string AccountId)> ClusterMembers = new("cluster_members",
        ["analysis_id", "cluster_id", "account_id"], WriteClusterMember);

    private static readonly CopyTable<(string AnalysisId, PostAmplification Post)> PostAmplifications = new("post_amplification",
    [
        "analysis_id", "post_id", "author_id", "week", "category", "reposts", "bot_reposts", "cluster_reposts",
        "amplifier_reposts", "views", "bot_views", "cluster_views", "amplifier_views",
    ], WritePostAmplification);

    private static readonly CopyTable<(string AnalysisId, WeeklyAmplification Week)> WeeklyAmplifications = new("weekly_amplification",
    [
        "analysis_id", "week", "category", "posts", "reposts", "bot_reposts", "cluster_reposts", "amplifier_reposts", "views",
        "bot_views", "cluster_views", "amplifier_views",
    ], WriteWeeklyAmplification);

    /// <summary>The tables whose rows belong to one analysis run; a save clears the run's rows from each first.</summary>
    private static readonly string[] RunTables =
        ["analysis_runs", "clusters", "cluster_members", "post_amplification", "weekly_amplification"];

    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;

    /// <summary>A store on <paramref name="source"/>'s database (the first schema of its search path); the caller owns the source.</summary>
    public PostgresStore(NpgsqlDataSource source, TimeProvider? time = null)
    {
        _source = source;
        _time = time ?? TimeProvider.System;
    }

    public Task MigrateAsync(CancellationToken ct = default) => PostgresMigrations.MigrateAsync(_source, _time, ct);

    public Task<WriteCounts> AddAccountsAsync(IReadOnlyList<Account> accounts, CancellationToken ct = default) =>
        InsertNewAsync(Accounts, accounts, static a => a.Id, ct);

    public Task<WriteCounts> AddPostsAsync(IReadOnlyList<Post> posts, CancellationToken ct = default) =>
        InsertNewAsync(Posts, posts, static p => p.Id, ct);

    public async Task<IReadOnlySet<string>> ExistingPostIdsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0) return existing;
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT id FROM posts WHERE id = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) existing.Add(reader.GetString(0));
        return existing;
    }

    public Task<WriteCounts> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken ct = default) =>
        InsertNewAsync(Interactions, interactions,
            static i => (i.PostId, i.Kind, i.AccountId, i.At.ToUnixTimeMilliseconds()), ct);

    public async Task SaveAssessmentsAsync(IReadOnlyList<Assessment> assessments, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        if (assessments.Count == 0) return;
        // The last assessment of a post in the batch wins, as successive upserts would.
        var last = new Dictionary<(string, string), Assessment>(assessments.Count);
        for (var i = 0; i < assessments.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var a = assessments[i];
            last[(a.ModelVersion, a.PostId)] = a;
        }
        var updates = string.Join(", ", Assessments.Columns.Skip(2).Select(c => $"{c} = excluded.{c}"));
        await StagedAsync(Assessments, last.Values,
            $"INSERT INTO assessments SELECT * FROM staged ORDER BY {Assessments.KeyList} ON CONFLICT ({Assessments.KeyList}) DO UPDATE SET {updates}",
            ct);
    }

    /// <summary>Inserts the rows whose key the table does not hold yet; the first of several rows with one key wins.</summary>
    private async Task<WriteCounts> InsertNewAsync<T, TKey>(CopyTable<T> table, IReadOnlyList<T> rows, Func<T, TKey> key,
        CancellationToken ct) where TKey : notnull
    {
        ct.ThrowIfCancellationRequested();
        if (rows.Count == 0) return default;
        var keys = new HashSet<TKey>(rows.Count);
        var first = new List<T>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var row = rows[i];
            if (keys.Add(key(row))) first.Add(row);
        }
        var inserted = await StagedAsync(table, first,
            $"INSERT INTO {table.Name} SELECT * FROM staged ORDER BY {table.KeyList} ON CONFLICT DO NOTHING", ct);
        return new WriteCounts(inserted, rows.Count - inserted);
    }

    /// <summary>COPYs the rows into a temporary table shaped like <paramref name="table"/>'s, runs <paramref name="merge"/>, commits.</summary>
    /// <returns>The rows <paramref name="merge"/> wrote.</returns>
    private async Task<int> StagedAsync<T>(CopyTable<T> table, IEnumerable<T> rows, string merge, CancellationToken ct)
    {
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, $"CREATE TEMP TABLE staged (LIKE {table.Name}) ON COMMIT DROP", ct);
        await table.CopyAsync(connection, "staged", rows, ct);
        var written = await ExecuteAsync(connection, merge, ct);
        await transaction.CommitAsync(ct);
        return written;
    }

    public async Task SaveAmplifierResultsAsync(AmplifierResults results, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var id = results.Key.Id;
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Saves are rare and replace whole runs: one at a time (readers are not blocked), so two processes saving the
        // same key or bot model version cannot interleave their deletes and inserts.
        await ExecuteAsync(connection, "LOCK TABLE analysis_runs IN SHARE ROW EXCLUSIVE MODE", ct);
        foreach (var table in RunTables) await ExecuteAsync(connection, $"DELETE FROM {table} WHERE analysis_id = $1", ct, id);
        await ExecuteAsync(connection, "DELETE FROM bot_scores WHERE model_version = $1", ct, results.Key.BotModelVersion);

        await using (var run = new NpgsqlCommand(
                         "INSERT INTO analysis_runs (analysis_id, detector_version, bot_model_version, settings, saved_at) VALUES ($1, $2, $3, $4, $5)",
                         connection))
        {
            run.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            run.Parameters.Add(new NpgsqlParameter<string> { TypedValue = results.Key.DetectorVersion });
            run.Parameters.Add(new NpgsqlParameter<string> { TypedValue = results.Key.BotModelVersion });
            run.Parameters.Add(new NpgsqlParameter<string> { TypedValue = results.Key.Settings });
            run.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _time.GetUtcNow() });
            await run.ExecuteNonQueryAsync(ct);
        }
        // The run's rows were just deleted, so they go straight into their tables: a conflict means the results repeat a key.
        await BotScores.CopyAsync(connection, BotScores.Name, results.BotScores.Select(s => (results.Key.BotModelVersion, s)), ct);
        await Clusters.CopyAsync(connection, Clusters.Name, results.Clusters.Select(c => (id, c)), ct);
        await ClusterMembers.CopyAsync(connection, ClusterMembers.Name,
            results.Clusters.SelectMany(c => c.MemberIds.Select(m => (id, c.Id, m))), ct);
        await PostAmplifications.CopyAsync(connection, PostAmplifications.Name, results.Posts.Select(p => (id, p)), ct);
        await WeeklyAmplifications.CopyAsync(connection, WeeklyAmplifications.Name, results.Weeks.Select(w => (id, w)), ct);
        await transaction.CommitAsync(ct);
    }

    public IAsyncEnumerable<Account> ReadAccountsAsync(CancellationToken ct = default) =>
        ReadAsync($"SELECT {Accounts.ColumnList} FROM accounts ORDER BY id", [], MapAccount, ct);

    public IAsyncEnumerable<Post> ReadPostsAsync(CancellationToken ct = default) =>
        ReadAsync($"SELECT {Posts.ColumnList} FROM posts ORDER BY id", [], MapPost, ct);

    /// <summary>Four columns of every post, not the texts and arrays the interface's projection would read.</summary>
    public IAsyncEnumerable<PostReach> ReadPostReachAsync(CancellationToken ct = default) =>
        ReadAsync("SELECT id, created_at, views, repost_of_id IS NOT NULL FROM posts ORDER BY id", [],
            static r => new PostReach(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetInt64(2), r.GetBoolean(3)), ct);

    /// <summary>One post by its primary key, not the interface's scan: a page showing one post reads one row.</summary>
    public Task<Post?> FindPostAsync(string id, CancellationToken ct = default) =>
        FirstOrNullAsync(ReadAsync($"SELECT {Posts.ColumnList} FROM posts WHERE id = $1", id, MapPost, ct), ct);

    /// <summary>A page's posts by a seek on the primary key, not the interface's skip through every post before it.</summary>
    public IAsyncEnumerable<Post> ReadPostsAfterAsync(string? afterId, CancellationToken ct = default) =>
        afterId is null
            ? ReadPostsAsync(ct)
            : ReadAsync($"SELECT {Posts.ColumnList} FROM posts WHERE id > $1 ORDER BY id", afterId, MapPost, ct);

    public Task<Account?> FindAccountAsync(string id, CancellationToken ct = default) =>
        FirstOrNullAsync(ReadAsync($"SELECT {Accounts.ColumnList} FROM accounts WHERE id = $1", id, MapAccount, ct), ct);

    private static async Task<T?> FirstOrNullAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct) where T : class
    {
        await foreach (var row in rows.WithCancellation(ct)) return row;
        return null;
    }

    private static Account MapAccount(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        Handle = r.GetString(1),
        DisplayName = r.GetString(2),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(3),
        Followers = r.GetInt64(4),
        Following = r.GetInt64(5),
        PostCount = r.GetInt64(6),
        Listed = r.GetInt64(7),
        Verified = r.GetBoolean(8),
        PaidTier = r.GetBoolean(9),
        Description = r.GetString(10),
        DefaultProfile = r.GetBoolean(11),
        DefaultProfileImage = r.GetBoolean(12),
        SuspendedAt = r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13),
        RestoredAt = r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14),
    };

    private static Post MapPost(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        AuthorId = r.GetString(1),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(2),
        Text = r.GetString(3),
        Language = OptionalString(r, 4),
        ReplyToId = OptionalString(r, 5),
        QuoteOfId = OptionalString(r, 6),
        RepostOfId = OptionalString(r, 7),
        Hashtags = r.GetFieldValue<string[]>(8),
        Mentions = r.GetFieldValue<string[]>(9),
        Urls = r.GetFieldValue<string[]>(10),
        Views = r.GetInt64(11),
    };

    public IAsyncEnumerable<Interaction> ReadInteractionsAsync(CancellationToken ct = default) =>
        ReadAsync($"SELECT {Interactions.ColumnList} FROM interactions ORDER BY post_id, kind, account_id, at", [],
            static r => new Interaction
            {
                PostId = r.GetString(0),
                Kind = InteractionKinds.TryParse(r.GetString(1), out var kind)
                    ? kind
                    : throw new InvalidDataException($"interactions.kind: unknown value '{r.GetString(1)}'."),
                AccountId = r.GetString(2),
                At = r.GetFieldValue<DateTimeOffset>(3),
                Count = r.GetInt64(4),
            }, ct);

    public IAsyncEnumerable<Assessment> ReadAssessmentsAsync(string modelVersion, CancellationToken ct = default) =>
        ReadAsync($"SELECT {Assessments.ColumnList} FROM assessments WHERE model_version = $1 ORDER BY post_id", modelVersion,
            MapAssessment, ct);

    /// <summary>The two probabilities of every assessment under the version, not the labels and evidence.</summary>
    public IAsyncEnumerable<AssessmentScores> ReadAssessmentScoresAsync(string modelVersion, CancellationToken ct = default) =>
        ReadAsync("SELECT post_id, p_hateful, p_antisemitic FROM assessments WHERE model_version = $1 ORDER BY post_id", modelVersion,
            static r => new AssessmentScores(r.GetString(0), r.GetDouble(1), r.GetDouble(2)), ct);

    /// <summary>One assessment by its primary key (model version, post id).</summary>
    public Task<Assessment?> FindAssessmentAsync(string postId, string modelVersion, CancellationToken ct = default) =>
        FirstOrNullAsync(ReadAsync($"SELECT {Assessments.ColumnList} FROM assessments WHERE model_version = $1 AND post_id = $2",
            [modelVersion, postId], MapAssessment, ct), ct);

    private static Assessment MapAssessment(NpgsqlDataReader r) => new()
            {
                ModelVersion = r.GetString(0),
                PostId = r.GetString(1),
                TaxonomyVersion = r.GetString(2),
                PHateful = r.GetDouble(3),
                Hateful = r.GetBoolean(4),
                PAntisemitic = r.GetDouble(5),
                Antisemitic = r.GetBoolean(6),
                Label = new ContentLabel(ParseEnum<Target>(r, 7), ParseEnum<ContentCode>(r, 8), ParseEnum<ConsensusClass>(r, 9),
                    ParseEnum<Explicitness>(r, 10)),
                CodeConfidence = r.GetDouble(11),
                Language = r.GetString(12),
                LanguageSupported = r.GetBoolean(13),
                Evidence = StoredJson.ReadEvidence(r.GetString(14)),
            };

    public async Task<AmplifierResults?> ReadAmplifierResultsAsync(AnalysisKey key, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var id = key.Id;
        await using var connection = await _source.OpenConnectionAsync(ct);
        // One snapshot, so a save committing between these queries cannot mix two saves' rows.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        Task<List<T>> Query<T>(string sql, string parameter, Func<NpgsqlDataReader, T> map) =>
            QueryAsync(connection, sql, parameter, map, ct);

        if ((await Query("SELECT 1 FROM analysis_runs WHERE analysis_id = $1", id, static _ => true)).Count == 0) return null;

        var botScores = await Query(
            "SELECT account_id, p_bot, is_bot, top_features FROM bot_scores WHERE model_version = $1 ORDER BY account_id",
            key.BotModelVersion, static r => new StoredBotScore(r.GetString(0), r.GetDouble(1), r.GetBoolean(2), r.GetString(3)));

        var members = new Dictionary<int, List<string>>();
        foreach (var (clusterId, accountId) in await Query(
                     "SELECT cluster_id, account_id FROM cluster_members WHERE analysis_id = $1 ORDER BY cluster_id, account_id",
                     id, static r => (r.GetInt32(0), r.GetString(1))))
        {
            if (!members.TryGetValue(clusterId, out var list)) members[clusterId] = list = [];
            list.Add(accountId);
        }
        var clusters = await Query(
            $"SELECT {string.Join(", ", Clusters.Columns[1..])} FROM clusters WHERE analysis_id = $1 ORDER BY cluster_id", id,
            r => MapCluster(r, members.GetValueOrDefault(r.GetInt32(0)) ?? []));

        var posts = await Query(
            $"SELECT {string.Join(", ", PostAmplifications.Columns[1..])} FROM post_amplification WHERE analysis_id = $1 ORDER BY post_id",
            id, static r => new PostAmplification(r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2),
                ParseEnum<PostCategory>(r, 3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7), r.GetDouble(8),
                r.GetDouble(9), r.GetDouble(10), r.GetDouble(11)));

        // Categories sort as their kebab names, byte by byte (COLLATE "C"), as SQLite sorts them.
        var weeks = await Query(
            $"SELECT {string.Join(", ", WeeklyAmplifications.Columns[1..])} FROM weekly_amplification WHERE analysis_id = $1 ORDER BY week, category",
            id, static r => new WeeklyAmplification(r.GetFieldValue<DateOnly>(0), ParseEnum<PostCategory>(r, 1), r.GetInt32(2),
                r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9),
                r.GetDouble(10)));

        return new AmplifierResults(key, botScores, clusters, posts, weeks);
    }

    /// <summary>The run saved last (ties broken by id so the answer is stable), as SQLite picks it.</summary>
    public async Task<AnalysisKey?> LatestAnalysisAsync(CancellationToken ct = default)
    {
        await foreach (var key in ReadAsync(
                           "SELECT detector_version, bot_model_version, settings FROM analysis_runs ORDER BY saved_at DESC, analysis_id DESC LIMIT 1",
                           [], static r => new AnalysisKey(r.GetString(0), r.GetString(1), r.GetString(2)), ct))
            return key;
        return null;
    }

    /// <summary>The account's rows of the latest run by keyed lookups (the bot-score key; cluster_members_account), not the whole run.</summary>
    public async Task<AccountAnalysis?> FindAccountAnalysisAsync(string accountId, CancellationToken ct = default)
    {
        if (await LatestAnalysisAsync(ct) is not { } key) return null;
        var score = await FirstOrNullAsync(ReadAsync(
            "SELECT account_id, p_bot, is_bot, top_features FROM bot_scores WHERE model_version = $1 AND account_id = $2",
            [key.BotModelVersion, accountId], static r => new StoredBotScore(r.GetString(0), r.GetDouble(1), r.GetBoolean(2), r.GetString(3)),
            ct), ct);
        int? cluster = null;
        await foreach (var id in ReadAsync(
                           "SELECT cluster_id FROM cluster_members WHERE analysis_id = $1 AND account_id = $2 ORDER BY cluster_id LIMIT 1",
                           [key.Id, accountId], static r => r.GetInt32(0), ct))
            cluster = id;
        return new AccountAnalysis(key, score, cluster);
    }

    /// <summary>One cluster of the latest run and its members, by the clusters' and members' primary keys.</summary>
    public async Task<StoredCluster?> FindClusterAsync(int clusterId, CancellationToken ct = default)
    {
        if (await LatestAnalysisAsync(ct) is not { } key) return null;
        object[] run = [key.Id, clusterId];
        var members = await ReadAsync("SELECT account_id FROM cluster_members WHERE analysis_id = $1 AND cluster_id = $2 ORDER BY account_id",
            run, static r => r.GetString(0), ct).ToListAsync(ct);
        return await FirstOrNullAsync(ReadAsync(
            $"SELECT {string.Join(", ", Clusters.Columns[1..])} FROM clusters WHERE analysis_id = $1 AND cluster_id = $2",
            run, r => MapCluster(r, members), ct), ct);
    }

    /// <summary>A row of <c>Clusters.Columns[1..]</c> with the cluster's members, read separately.</summary>
    private static StoredCluster MapCluster(NpgsqlDataReader r, IReadOnlyList<string> members) =>
        new(r.GetInt32(0), members, StoredJson.ReadCoActions(r.GetString(1)), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4),
            r.GetDouble(5), r.GetDouble(6));

    public async Task<StoreStats> GetStatsAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(StoreStats.Query, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return StoreStats.Read(reader, static (r, i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i));
    }

    /// <summary>The store does not own its data source; <see cref="PostgresDatabase"/> (or the caller) disposes it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IAsyncEnumerable<T> ReadAsync<T>(string sql, string parameter, Func<NpgsqlDataReader, T> map, CancellationToken ct) =>
        ReadAsync(sql, [parameter], map, ct);

    /// <summary>The rows of <paramref name="sql"/>, whose <c>$1</c>, <c>$2</c>, … are <paramref name="parameters"/> (strings and ints).</summary>
    private async IAsyncEnumerable<T> ReadAsync<T>(string sql, object[] parameters, Func<NpgsqlDataReader, T> map,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await using var connection = await _source.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            // Rows already buffered are returned without looking at the token: look at it here.
            ct.ThrowIfCancellationRequested();
            yield return map(reader);
        }
    }

    private static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, string parameter,
        Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(map(reader));
        return rows;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, string? parameter = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static void WriteAccount(NpgsqlBinaryImporter w, Account a)
    {
        w.Write(a.Id, NpgsqlDbType.Text);
        w.Write(a.Handle, NpgsqlDbType.Text);
        w.Write(a.DisplayName, NpgsqlDbType.Text);
        w.Write(Millisecond(a.CreatedAt), NpgsqlDbType.TimestampTz);
        w.Write(a.Followers, NpgsqlDbType.Bigint);
        w.Write(a.Following, NpgsqlDbType.Bigint);
        w.Write(a.PostCount, NpgsqlDbType.Bigint);
        w.Write(a.Listed, NpgsqlDbType.Bigint);
        w.Write(a.Verified, NpgsqlDbType.Boolean);
        w.Write(a.PaidTier, NpgsqlDbType.Boolean);
        w.Write(a.Description, NpgsqlDbType.Text);
        w.Write(a.DefaultProfile, NpgsqlDbType.Boolean);
        w.Write(a.DefaultProfileImage, NpgsqlDbType.Boolean);
        WriteOptional(w, a.SuspendedAt);
        WriteOptional(w, a.RestoredAt);
    }

    private static void WritePost(NpgsqlBinaryImporter w, Post p)
    {
        w.Write(p.Id, NpgsqlDbType.Text);
        w.Write(p.AuthorId, NpgsqlDbType.Text);
        w.Write(Millisecond(p.CreatedAt), NpgsqlDbType.TimestampTz);
        w.Write(p.Text, NpgsqlDbType.Text);
        WriteOptional(w, p.Language);
        WriteOptional(w, p.ReplyToId);
        WriteOptional(w, p.QuoteOfId);
        WriteOptional(w, p.RepostOfId);
        WriteList(w, p.Hashtags);
        WriteList(w, p.Mentions);
        WriteList(w, p.Urls);
        w.Write(p.Views, NpgsqlDbType.Bigint);
    }

    private static void WriteInteraction(NpgsqlBinaryImporter w, Interaction i)
    {
        w.Write(i.PostId, NpgsqlDbType.Text);
        w.Write(InteractionKinds.Name(i.Kind), NpgsqlDbType.Text);
        w.Write(i.AccountId, NpgsqlDbType.Text);
        w.Write(Millisecond(i.At), NpgsqlDbType.TimestampTz);
        w.Write(i.Count, NpgsqlDbType.Bigint);
    }

    private static void WriteAssessment(NpgsqlBinaryImporter w, Assessment a)
    {
        w.Write(a.ModelVersion, NpgsqlDbType.Text);
        w.Write(a.PostId, NpgsqlDbType.Text);
        w.Write(a.TaxonomyVersion, NpgsqlDbType.Text);
        w.Write(a.PHateful, NpgsqlDbType.Double);
        w.Write(a.Hateful, NpgsqlDbType.Boolean);
        w.Write(a.PAntisemitic, NpgsqlDbType.Double);
        w.Write(a.Antisemitic, NpgsqlDbType.Boolean);
        w.Write(Kebab.From(a.Label.Target), NpgsqlDbType.Text);
        w.Write(Kebab.From(a.Label.Code), NpgsqlDbType.Text);
        w.Write(Kebab.From(a.Label.Consensus), NpgsqlDbType.Text);
        w.Write(Kebab.From(a.Label.Explicitness), NpgsqlDbType.Text);
        w.Write(a.CodeConfidence, NpgsqlDbType.Double);
        w.Write(a.Language, NpgsqlDbType.Text);
        w.Write(a.LanguageSupported, NpgsqlDbType.Boolean);
        w.Write(StoredJson.WriteEvidence(a.Evidence), NpgsqlDbType.Text);
    }

    private static void WriteBotScore(NpgsqlBinaryImporter w, (string ModelVersion, StoredBotScore Score) row)
    {
        w.Write(row.ModelVersion, NpgsqlDbType.Text);
        w.Write(row.Score.AccountId, NpgsqlDbType.Text);
        w.Write(row.Score.PBot, NpgsqlDbType.Double);
        w.Write(row.Score.IsBot, NpgsqlDbType.Boolean);
        w.Write(row.Score.TopFeatures, NpgsqlDbType.Text);
    }

    private static void WriteCluster(NpgsqlBinaryImporter w, (string AnalysisId, StoredCluster Cluster) row)
    {
        var c = row.Cluster;
        w.Write(row.AnalysisId, NpgsqlDbType.Text);
        w.Write(c.Id, NpgsqlDbType.Integer);
        w.Write(StoredJson.WriteCoActions(c.Kinds), NpgsqlDbType.Text);
        w.Write(c.TotalWeight, NpgsqlDbType.Bigint);
        w.Write(c.MeanWeight, NpgsqlDbType.Double);
        w.Write(c.Density, NpgsqlDbType.Double);
        w.Write(c.FirstCoAction, NpgsqlDbType.Double);
        w.Write(c.LastCoAction, NpgsqlDbType.Double);
    }

    private static void WriteClusterMember(NpgsqlBinaryImporter w, (string AnalysisId, int ClusterId, string AccountId) row)
    {
        w.Write(row.AnalysisId, NpgsqlDbType.Text);
        w.Write(row.ClusterId, NpgsqlDbType.Integer);
        w.Write(row.AccountId, NpgsqlDbType.Text);
    }

    private static void WritePostAmplification(NpgsqlBinaryImporter w, (string AnalysisId, PostAmplification Post) row)
    {
        var a = row.Post;
        w.Write(row.AnalysisId, NpgsqlDbType.Text);
        w.Write(a.PostId, NpgsqlDbType.Text);
        w.Write(a.AuthorId, NpgsqlDbType.Text);
        w.Write(a.Week, NpgsqlDbType.Date);
        w.Write(Kebab.From(a.Category), NpgsqlDbType.Text);
        w.Write(a.Reposts, NpgsqlDbType.Integer);
        w.Write(a.BotReposts, NpgsqlDbType.Integer);
        w.Write(a.ClusterReposts, NpgsqlDbType.Integer);
        w.Write(a.AmplifierReposts, NpgsqlDbType.Integer);
        w.Write(a.Views, NpgsqlDbType.Double);
        w.Write(a.BotViews, NpgsqlDbType.Double);
        w.Write(a.ClusterViews, NpgsqlDbType.Double);
        w.Write(a.AmplifierViews, NpgsqlDbType.Double);
    }

    private static void WriteWeeklyAmplification(NpgsqlBinaryImporter w, (string AnalysisId, WeeklyAmplification Week) row)
    {
        var a = row.Week;
        w.Write(row.AnalysisId, NpgsqlDbType.Text);
        w.Write(a.Week, NpgsqlDbType.Date);
        w.Write(Kebab.From(a.Category), NpgsqlDbType.Text);
        w.Write(a.Posts, NpgsqlDbType.Integer);
        w.Write(a.Reposts, NpgsqlDbType.Integer);
        w.Write(a.BotReposts, NpgsqlDbType.Integer);
        w.Write(a.ClusterReposts, NpgsqlDbType.Integer);
        w.Write(a.AmplifierReposts, NpgsqlDbType.Integer);
        w.Write(a.Views, NpgsqlDbType.Double);
        w.Write(a.BotViews, NpgsqlDbType.Double);
        w.Write(a.ClusterViews, NpgsqlDbType.Double);
        w.Write(a.AmplifierViews, NpgsqlDbType.Double);
    }

    /// <summary>Times are kept to the millisecond, as SQLite keeps them, so both stores read back the same values.</summary>
    private static DateTimeOffset Millisecond(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static void WriteOptional(NpgsqlBinaryImporter w, DateTimeOffset? time)
    {
        if (time is { } t) w.Write(Millisecond(t), NpgsqlDbType.TimestampTz);
        else w.WriteNull();
    }

    private static void WriteOptional(NpgsqlBinaryImporter w, string? text)
    {
        if (text is null) w.WriteNull();
        else w.Write(text, NpgsqlDbType.Text);
    }

    private static void WriteList(NpgsqlBinaryImporter w, IReadOnlyList<string> values) =>
        w.Write(values as string[] ?? [.. values], NpgsqlDbType.Array | NpgsqlDbType.Text);

    private static string? OptionalString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static TEnum ParseEnum<TEnum>(NpgsqlDataReader reader, int ordinal) where TEnum : struct, Enum =>
        Kebab.TryParse<TEnum>(reader.GetString(ordinal), out var value)
            ? value
            : throw new InvalidDataException($"{reader.GetName(ordinal)}: unknown value '{reader.GetString(ordinal)}'.");
}
