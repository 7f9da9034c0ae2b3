using Vigil.Amplification;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Vigil.Model;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. Writes go through one connection with prepared commands,
/// one transaction per batch, and <c>ON CONFLICT DO NOTHING</c> so that re-ingest is idempotent and duplicates are
/// counted rather than failed. Each read opens its own read-only connection, so a stage can stream posts while it
/// writes its results (WAL lets readers and the writer proceed together).
/// </summary>
/// <remarks>
/// SQLite is in-process, so the asynchronous methods do their work synchronously and return completed tasks: a batch
/// is bound row by row inside one call (no await per row), which keeps ingest at the speed of the synchronous code
/// (docs/BENCHMARKS.md). Cancellation is checked before each row; a cancelled batch is rolled back whole.
/// </remarks>
public sealed class SqliteStore : IVigilStore, IDisposable
{
    private const char ListSeparator = '\u001F';

    private static readonly string[] AccountColumns =
    [
        "id", "handle", "display_name", "created_at", "followers", "following", "post_count", "listed", "verified",
        "paid_tier", "description", "default_profile", "default_profile_image", "suspended_at", "restored_at",
    ];

    private static readonly string[] PostColumns =
    [
        "id", "author_id", "created_at", "text", "lang", "reply_to_id", "quote_of_id", "repost_of_id", "hashtags",
        "mentions", "urls", "views",
    ];

    private static readonly string[] InteractionColumns = ["post_id", "kind", "account_id", "at", "count"];

    private static readonly string[] AssessmentColumns =
    [
        "model_version", "post_id", "taxonomy_version", "p_hateful", "hateful", "p_antisemitic", "antisemitic", "target",
        "code", "consensus", "explicitness", "code_confidence", "language", "language_supported", "evidence",
    ];

    private static readonly string[] RunColumns = ["analysis_id", "detector_version", "bot_model_version", "settings", "saved_at"];

    private static readonly string[] BotScoreColumns = ["model_version", "account_id", "p_bot", "is_bot", "top_features"];

    private static readonly string[] ClusterColumns =
    [
        "analysis_id", "cluster_id", "kinds", "total_weight", "mean_weight", "density", "first_co_action", "last_co_action",
    ];

    private static readonly string[] ClusterMemberColumns = ["analysis_id", "cluster_id", "account_id"];

    private static readonly string[] PostAmplificationColumns =
    [
        "analysis_id", "post_id", "author_id", "week", "category", "reposts", "bot_reposts", "cluster_reposts",
        "amplifier_reposts", "views", "bot_views", "cluster_views", "amplifier_views",
    ];

    private static readonly string[] WeeklyAmplificationColumns =
    [
        "analysis_id", "week", "category", "posts", "reposts", "bot_reposts", "cluster_reposts", "amplifier_reposts", "views",
        "bot_views", "cluster_views", "amplifier_views",
    ];

    /// <summary>The tables whose rows belong to one analysis run; a save clears the run's rows from each first.</summary>
    private static readonly string[] RunTables =
        ["analysis_runs", "clusters", "cluster_members", "post_amplification", "weekly_amplification"];

    private readonly TimeProvider _time;
    private readonly SqliteConnection _connection;
    private readonly PreparedInsert<Account> _insertAccount;
    private readonly PreparedInsert<Post> _insertPost;
    private readonly PreparedInsert<Interaction> _insertInteraction;
    private readonly PreparedInsert<Assessment> _upsertAssessment;
    private readonly PreparedInsert<(AnalysisKey Key, long SavedAt)> _insertRun;
    private readonly PreparedInsert<(string ModelVersion, StoredBotScore Score)> _insertBotScore;
    private readonly PreparedInsert<(string AnalysisId, StoredCluster Cluster)> _insertCluster;
    private readonly PreparedInsert<(string AnalysisId, int ClusterId, string AccountId)> _insertClusterMember;
    private readonly PreparedInsert<(string AnalysisId, PostAmplification Post)> _insertPostAmplification;
    private readonly PreparedInsert<(string AnalysisId, WeeklyAmplification Week)> _insertWeeklyAmplification;

    /// <summary>Opens (creating if needed) the database file. Call <see cref="MigrateAsync"/> before first use.</summary>
    public SqliteStore(string path, TimeProvider? time = null)
    {
        Path = path;
        _time = time ?? TimeProvider.System;
        _connection = SqliteDatabase.OpenReadWrite(path);
        _insertAccount = new(_connection, "accounts", AccountColumns, "ON CONFLICT DO NOTHING", BindAccount);
        _insertPost = new(_connection, "posts", PostColumns, "ON CONFLICT DO NOTHING", BindPost);
        _insertInteraction = new(_connection, "interactions", InteractionColumns, "ON CONFLICT DO NOTHING", BindInteraction);
        _upsertAssessment = new(_connection, "assessments", AssessmentColumns, UpsertClause(AssessmentColumns, keyColumns: 2),
            BindAssessment);
        // Plain inserts: a save deletes the run's rows first, so a conflict here means the results repeat a key.
        _insertRun = new(_connection, "analysis_runs", RunColumns, "", BindRun);
        _insertBotScore = new(_connection, "bot_scores", BotScoreColumns, "", BindBotScore);
        _insertCluster = new(_connection, "clusters", ClusterColumns, "", BindCluster);
        _insertClusterMember = new(_connection, "cluster_members", ClusterMemberColumns, "", BindClusterMember);
        _insertPostAmplification = new(_connection, "post_amplification", PostAmplificationColumns, "", BindPostAmplification);
        _insertWeeklyAmplification = new(_connection, "weekly_amplification", WeeklyAmplificationColumns, "",
            BindWeeklyAmplification);
    }

    internal string Path { get; }

    /// <summary>The highest migration applied; <see cref="SqliteMigrations.All"/> lists them.</summary>
    internal int SchemaVersion => SqliteDatabase.SchemaVersion(_connection);

    public Task MigrateAsync(CancellationToken ct = default) =>
        Completed.Run(token => SqliteDatabase.Migrate(_connection, _time, token), ct);

    public Task<WriteCounts> AddAccountsAsync(IReadOnlyList<Account> accounts, CancellationToken ct = default) =>
        Completed.Run(_insertAccount.Run, accounts, ct);

    public Task<WriteCounts> AddPostsAsync(IReadOnlyList<Post> posts, CancellationToken ct = default) =>
        Completed.Run(_insertPost.Run, posts, ct);

    public Task<IReadOnlySet<string>> ExistingPostIdsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default) =>
        Completed.Run(ExistingPostIds, ids, ct);

    /// <summary>The ids go in as one JSON array: one parameter however many there are.</summary>
    private IReadOnlySet<string> ExistingPostIds(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0) return found;
        var json = System.Text.Json.JsonSerializer.Serialize(ids);
        foreach (var id in PreparedRead.Rows(_connection, Path, "SELECT id FROM posts WHERE id IN (SELECT value FROM json_each($key))", [json],
                     static r => r.String(0), ct))
            found.Add(id);
        return found;
    }

    public Task<WriteCounts> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken ct = default) =>
        Completed.Run(_insertInteraction.Run, interactions, ct);

    public Task SaveAssessmentsAsync(IReadOnlyList<Assessment> assessments, CancellationToken ct = default) =>
        Completed.Run(_upsertAssessment.Run, assessments, ct);

    public Task SaveAmplifierResultsAsync(AmplifierResults results, CancellationToken ct = default) =>
        Completed.Run(SaveAmplifierResults, results, ct);

    private WriteCounts SaveAmplifierResults(AmplifierResults results, CancellationToken ct)
    {
        var id = results.Key.Id;
        var modelVersion = results.Key.BotModelVersion;
        var members = new List<(string, int, string)>();
        foreach (var cluster in results.Clusters)
            foreach (var member in cluster.MemberIds) members.Add((id, cluster.Id, member));

        using var transaction = _connection.BeginTransaction();
        foreach (var table in RunTables) Execute($"DELETE FROM {table} WHERE analysis_id = $key", transaction, id);
        Execute("DELETE FROM bot_scores WHERE model_version = $key", transaction, modelVersion);
        _insertRun.Insert([(results.Key, _time.GetUtcNow().ToUnixTimeMilliseconds())], ct);
        _insertBotScore.Insert(Keyed(modelVersion, results.BotScores), ct);
        _insertCluster.Insert(Keyed(id, results.Clusters), ct);
        _insertClusterMember.Insert(members, ct);
        _insertPostAmplification.Insert(Keyed(id, results.Posts), ct);
        _insertWeeklyAmplification.Insert(Keyed(id, results.Weeks), ct);
        transaction.Commit();
        return default;
    }

    /// <summary>
    /// Each row paired with its run's key as it is read: a copied list would hold every row at once, and the post
    /// amplification rows are made on demand from a few arrays (at 10M posts, 586 thousand rows: 90 MB as objects).
    /// </summary>
    private static RowsOnDemand<(string, T)> Keyed<T>(string key, IReadOnlyList<T> rows) => new(rows.Count, i => (key, rows[i]));

    private static void BindAccount(StatementRow p, Account a)
    {
        p.Set(0, a.Id);
        p.Set(1, a.Handle);
        p.Set(2, a.DisplayName);
        p.Set(3, a.CreatedAt.ToUnixTimeMilliseconds());
        p.Set(4, a.Followers);
        p.Set(5, a.Following);
        p.Set(6, a.PostCount);
        p.Set(7, a.Listed);
        p.Set(8, a.Verified);
        p.Set(9, a.PaidTier);
        p.Set(10, a.Description);
        p.Set(11, a.DefaultProfile);
        p.Set(12, a.DefaultProfileImage);
        p.Set(13, a.SuspendedAt?.ToUnixTimeMilliseconds());
        p.Set(14, a.RestoredAt?.ToUnixTimeMilliseconds());
    }

    private static void BindPost(StatementRow p, Post post)
    {
        p.Set(0, post.Id);
        p.Set(1, post.AuthorId);
        p.Set(2, post.CreatedAt.ToUnixTimeMilliseconds());
        p.Set(3, post.Text);
        p.Set(4, post.Language);
        p.Set(5, post.ReplyToId);
        p.Set(6, post.QuoteOfId);
        p.Set(7, post.RepostOfId);
        p.Set(8, JoinList(post.Hashtags));
        p.Set(9, JoinList(post.Mentions));
        p.Set(10, JoinList(post.Urls));
        p.Set(11, post.Views);
    }

    private static void BindInteraction(StatementRow p, Interaction i)
    {
        p.Set(0, i.PostId);
        p.Set(1, InteractionKinds.Name(i.Kind));
        p.Set(2, i.AccountId);
        p.Set(3, i.At.ToUnixTimeMilliseconds());
        p.Set(4, i.Count);
    }

    private static void BindAssessment(StatementRow p, Assessment a)
    {
        p.Set(0, a.ModelVersion);
        p.Set(1, a.PostId);
        p.Set(2, a.TaxonomyVersion);
        p.Set(3, a.PHateful);
        p.Set(4, a.Hateful);
        p.Set(5, a.PAntisemitic);
        p.Set(6, a.Antisemitic);
        p.Set(7, Kebab.From(a.Label.Target));
        p.Set(8, Kebab.From(a.Label.Code));
        p.Set(9, Kebab.From(a.Label.Consensus));
        p.Set(10, Kebab.From(a.Label.Explicitness));
        p.Set(11, a.CodeConfidence);
        p.Set(12, a.Language);
        p.Set(13, a.LanguageSupported);
        p.Set(14, StoredJson.WriteEvidence(a.Evidence));
    }

    private static void BindRun(StatementRow p, (AnalysisKey Key, long SavedAt) run)
    {
        p.Set(0, run.Key.Id);
        p.Set(1, run.Key.DetectorVersion);
        p.Set(2, run.Key.BotModelVersion);
        p.Set(3, run.Key.Settings);
        p.Set(4, run.SavedAt);
    }

    private static void BindBotScore(StatementRow p, (string ModelVersion, StoredBotScore Score) row)
    {
        p.Set(0, row.ModelVersion);
        p.Set(1, row.Score.AccountId);
        p.Set(2, row.Score.PBot);
        p.Set(3, row.Score.IsBot);
        p.Set(4, row.Score.TopFeatures);
    }

    private static void BindCluster(StatementRow p, (string AnalysisId, StoredCluster Cluster) row)
    {
        var c = row.Cluster;
        p.Set(0, row.AnalysisId);
        p.Set(1, c.Id);
        p.Set(2, StoredJson.WriteCoActions(c.Kinds));
        p.Set(3, c.TotalWeight);
        p.Set(4, c.MeanWeight);
        p.Set(5, c.Density);
        p.Set(6, c.FirstCoAction);
        p.Set(7, c.LastCoAction);
    }

    private static void BindClusterMember(StatementRow p, (string AnalysisId, int ClusterId, string AccountId) row)
    {
        p.Set(0, row.AnalysisId);
        p.Set(1, row.ClusterId);
        p.Set(2, row.AccountId);
    }

    private static void BindPostAmplification(StatementRow p, (string AnalysisId, PostAmplification Post) row)
    {
        var a = row.Post;
        p.Set(0, row.AnalysisId);
        p.Set(1, a.PostId);
        p.Set(2, a.AuthorId);
        p.Set(3, WeekText(a.Week));
        p.Set(4, Kebab.From(a.Category));
        p.Set(5, a.Reposts);
        p.Set(6, a.BotReposts);
        p.Set(7, a.ClusterReposts);
        p.Set(8, a.AmplifierReposts);
        p.Set(9, a.Views);
        p.Set(10, a.BotViews);
        p.Set(11, a.ClusterViews);
        p.Set(12, a.AmplifierViews);
    }

    private static void BindWeeklyAmplification(StatementRow p, (string AnalysisId, WeeklyAmplification Week) row)
    {
        var w = row.Week;
        p.Set(0, row.AnalysisId);
        p.Set(1, WeekText(w.Week));
        p.Set(2, Kebab.From(w.Category));
        p.Set(3, w.Posts);
        p.Set(4, w.Reposts);
        p.Set(5, w.BotReposts);
        p.Set(6, w.ClusterReposts);
        p.Set(7, w.AmplifierReposts);
        p.Set(8, w.Views);
        p.Set(9, w.BotViews);
        p.Set(10, w.ClusterViews);
        p.Set(11, w.AmplifierViews);
    }

    public IAsyncEnumerable<Account> ReadAccountsAsync(CancellationToken ct = default) =>
        Read($"SELECT {string.Join(", ", AccountColumns)} FROM accounts ORDER BY id", null, MapAccount, ct);

    public IAsyncEnumerable<Post> ReadPostsAsync(CancellationToken ct = default) =>
        Read($"SELECT {string.Join(", ", PostColumns)} FROM posts ORDER BY id", null, MapPost, ct);

    /// <summary>Four columns of every post, not the texts and lists <see cref="IVigilStore"/>'s default would read.</summary>
    public IAsyncEnumerable<PostReach> ReadPostReachAsync(CancellationToken ct = default) =>
        Read("SELECT id, created_at, views, repost_of_id IS NOT NULL FROM posts ORDER BY id", null,
            static r => new PostReach(r.String(0), DateTimeOffset.FromUnixTimeMilliseconds(r.Int64(1)), r.Int64(2), r.Boolean(3)), ct);

    /// <summary>One post by its primary key, without the scan <see cref="IVigilStore"/>'s default does.</summary>
    public async Task<Post?> FindPostAsync(string id, CancellationToken ct = default)
    {
        await foreach (var post in Read($"SELECT {string.Join(", ", PostColumns)} FROM posts WHERE id = $key", id, MapPost, ct)) return post;
        return null;
    }

    public async Task<long?> CountPostsAsync(CancellationToken ct = default)
    {
        await foreach (var count in Read("SELECT count(*) FROM posts", null, static r => r.Int64(0), ct)) return count;
        return null;
    }

    /// <summary>A page's posts by a seek on the primary key, without the skip <see cref="IVigilStore"/>'s default does.</summary>
    public IAsyncEnumerable<Post> ReadPostsAfterAsync(string? afterId, CancellationToken ct = default) =>
        afterId is null
            ? ReadPostsAsync(ct)
            : Read($"SELECT {string.Join(", ", PostColumns)} FROM posts WHERE id > $key ORDER BY id", afterId, MapPost, ct);

    /// <summary>One account by its primary key.</summary>
    public async Task<Account?> FindAccountAsync(string id, CancellationToken ct = default)
    {
        await foreach (var account in Read($"SELECT {string.Join(", ", AccountColumns)} FROM accounts WHERE id = $key", id, MapAccount, ct))
            return account;
        return null;
    }

    private static Account MapAccount(StatementColumns r) => new()
    {
        Id = r.String(0),
        Handle = r.String(1),
        DisplayName = r.String(2),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.Int64(3)),
        Followers = r.Int64(4),
        Following = r.Int64(5),
        PostCount = r.Int64(6),
        Listed = r.Int64(7),
        Verified = r.Boolean(8),
        PaidTier = r.Boolean(9),
        Description = r.String(10),
        DefaultProfile = r.Boolean(11),
        DefaultProfileImage = r.Boolean(12),
        SuspendedAt = r.OptionalTime(13),
        RestoredAt = r.OptionalTime(14),
    };

    private static Post MapPost(StatementColumns r) => new()
    {
        Id = r.String(0),
        AuthorId = r.String(1),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.Int64(2)),
        Text = r.String(3),
        Language = r.IsNull(4) ? null : r.Repeated(4),
        ReplyToId = r.OptionalString(5),
        QuoteOfId = r.OptionalString(6),
        RepostOfId = r.OptionalString(7),
        Hashtags = SplitList(r, 8),
        Mentions = SplitList(r, 9),
        Urls = SplitList(r, 10),
        Views = r.Int64(11),
    };

    public IAsyncEnumerable<Interaction> ReadInteractionsAsync(CancellationToken ct = default) =>
        Read($"SELECT {string.Join(", ", InteractionColumns)} FROM interactions ORDER BY post_id, kind, account_id, at", null,
            static r => new Interaction
            {
                PostId = r.String(0),
                Kind = ParseInteractionKind(r.Repeated(1)),
                AccountId = r.String(2),
                At = DateTimeOffset.FromUnixTimeMilliseconds(r.Int64(3)),
                Count = r.Int64(4),
            }, ct);

    public IAsyncEnumerable<Assessment> ReadAssessmentsAsync(string modelVersion, CancellationToken ct = default) =>
        Read($"SELECT {string.Join(", ", AssessmentColumns)} FROM assessments WHERE model_version = $key ORDER BY post_id",
            modelVersion, MapAssessment, ct);

    /// <summary>The two probabilities of every assessment under the version, not the labels and evidence.</summary>
    public IAsyncEnumerable<AssessmentScores> ReadAssessmentScoresAsync(string modelVersion, CancellationToken ct = default) =>
        Read("SELECT post_id, p_hateful, p_antisemitic FROM assessments WHERE model_version = $key ORDER BY post_id", modelVersion,
            static r => new AssessmentScores(r.String(0), r.Double(1), r.Double(2)), ct);

    /// <summary>One assessment by its primary key (model version, post id).</summary>
    public async Task<Assessment?> FindAssessmentAsync(string postId, string modelVersion, CancellationToken ct = default)
    {
        await foreach (var assessment in ReadWith($"SELECT {string.Join(", ", AssessmentColumns)} FROM assessments WHERE model_version = $model AND post_id = $key",
                           [modelVersion, postId], MapAssessment, ct))
            return assessment;
        return null;
    }

    private static Assessment MapAssessment(StatementColumns r) => new()
    {
        ModelVersion = r.Repeated(0),
        PostId = r.String(1),
        TaxonomyVersion = r.Repeated(2),
        PHateful = r.Double(3),
        Hateful = r.Boolean(4),
        PAntisemitic = r.Double(5),
        Antisemitic = r.Boolean(6),
        Label = new ContentLabel(r.Enum<Target>(7), r.Enum<ContentCode>(8), r.Enum<ConsensusClass>(9), r.Enum<Explicitness>(10)),
        CodeConfidence = r.Double(11),
        Language = r.Repeated(12),
        LanguageSupported = r.Boolean(13),
        Evidence = StoredJson.ReadEvidence(r.String(14)),
    };

    public Task<AmplifierResults?> ReadAmplifierResultsAsync(AnalysisKey key, CancellationToken ct = default) =>
        Completed.Run(ReadAmplifierResults, key, ct);

    private AmplifierResults? ReadAmplifierResults(AnalysisKey key, CancellationToken ct)
    {
        var id = key.Id;
        using var connection = SqliteDatabase.OpenReadOnly(Path);
        // One read transaction, so a save landing between these queries cannot mix two saves' rows.
        using var snapshot = connection.BeginTransaction(deferred: true);
        IEnumerable<T> InSnapshot<T>(string sql, string parameter, Func<StatementColumns, T> map) =>
            PreparedRead.Rows(connection, Path, sql, [parameter], map, ct);

        if (!InSnapshot("SELECT 1 FROM analysis_runs WHERE analysis_id = $key", id, static _ => true).Any()) return null;

        var botScores = InSnapshot($"SELECT {string.Join(", ", BotScoreColumns[1..])} FROM bot_scores WHERE model_version = $key ORDER BY account_id",
            key.BotModelVersion, static r => new StoredBotScore(r.String(0), r.Double(1), r.Boolean(2), r.String(3)))
            .ToList();

        var members = new Dictionary<long, List<string>>();
        foreach (var (clusterId, accountId) in InSnapshot(
                     "SELECT cluster_id, account_id FROM cluster_members WHERE analysis_id = $key ORDER BY cluster_id, account_id",
                     id, static r => (r.Int64(0), r.String(1))))
        {
            if (!members.TryGetValue(clusterId, out var list)) members[clusterId] = list = [];
            list.Add(accountId);
        }
        var clusters = InSnapshot($"SELECT {string.Join(", ", ClusterColumns[1..])} FROM clusters WHERE analysis_id = $key ORDER BY cluster_id",
            id, r => MapCluster(r, members.GetValueOrDefault(r.Int64(0)) ?? []))
            .ToList();

        var posts = InSnapshot(
            $"SELECT {string.Join(", ", PostAmplificationColumns[1..])} FROM post_amplification WHERE analysis_id = $key ORDER BY post_id",
            id, static r => new PostAmplification(r.String(0), r.String(1), ReadWeek(r, 2), r.Enum<PostCategory>(3), r.Int32(4),
                r.Int32(5), r.Int32(6), r.Int32(7), r.Double(8), r.Double(9), r.Double(10), r.Double(11)))
            .ToList();

        var weeks = InSnapshot(
            $"SELECT {string.Join(", ", WeeklyAmplificationColumns[1..])} FROM weekly_amplification WHERE analysis_id = $key ORDER BY week, category",
            id, static r => new WeeklyAmplification(ReadWeek(r, 0), r.Enum<PostCategory>(1), r.Int32(2), r.Int32(3), r.Int32(4),
                r.Int32(5), r.Int32(6), r.Double(7), r.Double(8), r.Double(9), r.Double(10)))
            .ToList();

        return new AmplifierResults(key, botScores, clusters, posts, weeks);
    }

    /// <summary>The run saved last (ties, within a millisecond, broken by id so the answer is stable).</summary>
    private const string LatestRun = "(SELECT analysis_id FROM analysis_runs ORDER BY saved_at DESC, analysis_id DESC LIMIT 1)";

    public async Task<AnalysisKey?> LatestAnalysisAsync(CancellationToken ct = default)
    {
        await foreach (var key in Read($"SELECT detector_version, bot_model_version, settings FROM analysis_runs WHERE analysis_id = {LatestRun}",
                           null, static r => new AnalysisKey(r.String(0), r.String(1), r.String(2)), ct))
            return key;
        return null;
    }

    /// <summary>The account's row of the latest run by keyed lookups, without reading the whole run.</summary>
    public async Task<AccountAnalysis?> FindAccountAnalysisAsync(string accountId, CancellationToken ct = default)
    {
        if (await LatestAnalysisAsync(ct) is not { } key) return null;
        StoredBotScore? score = null;
        await foreach (var row in ReadWith("SELECT p_bot, is_bot, top_features FROM bot_scores WHERE model_version = $model AND account_id = $key",
                           [key.BotModelVersion, accountId],
                           r => new StoredBotScore(accountId, r.Double(0), r.Boolean(1), r.String(2)), ct))
            score = row;
        int? cluster = null;
        await foreach (var id in ReadWith("SELECT cluster_id FROM cluster_members WHERE analysis_id = $run AND account_id = $key ORDER BY cluster_id LIMIT 1",
                           [key.Id, accountId], static r => r.Int32(0), ct))
            cluster = id;
        return new AccountAnalysis(key, score, cluster);
    }

    /// <summary>One cluster of the latest run by its key.</summary>
    public async Task<StoredCluster?> FindClusterAsync(int clusterId, CancellationToken ct = default)
    {
        if (await LatestAnalysisAsync(ct) is not { } key) return null;
        object[] parameters = [key.Id, clusterId];
        var members = new List<string>();
        await foreach (var member in ReadWith("SELECT account_id FROM cluster_members WHERE analysis_id = $run AND cluster_id = $key ORDER BY account_id",
                           parameters, static r => r.String(0), ct))
            members.Add(member);
        await foreach (var cluster in ReadWith($"SELECT {string.Join(", ", ClusterColumns[1..])} FROM clusters WHERE analysis_id = $run AND cluster_id = $key",
                           parameters, r => MapCluster(r, members), ct))
            return cluster;
        return null;
    }

    /// <summary>A row of <c>ClusterColumns[1..]</c> with the cluster's members, read separately.</summary>
    private static StoredCluster MapCluster(StatementColumns r, IReadOnlyList<string> members) =>
        new(r.Int32(0), members, StoredJson.ReadCoActions(r.String(1)), r.Int64(2), r.Double(3), r.Double(4),
            r.Double(5), r.Double(6));

    public Task<StoreStats> GetStatsAsync(CancellationToken ct = default) => Completed.Run(GetStats, ct);

    private StoreStats GetStats(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var command = _connection.CreateCommand();
        command.CommandText = StoreStats.Query;
        using var reader = command.ExecuteReader();
        reader.Read();
        return StoreStats.Read(reader, static (r, i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i)));
    }

    public void Dispose()
    {
        _insertAccount.Dispose();
        _insertPost.Dispose();
        _insertInteraction.Dispose();
        _upsertAssessment.Dispose();
        _insertRun.Dispose();
        _insertBotScore.Dispose();
        _insertCluster.Dispose();
        _insertClusterMember.Dispose();
        _insertPostAmplification.Dispose();
        _insertWeeklyAmplification.Dispose();
        _connection.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private IAsyncEnumerable<T> Read<T>(string sql, string? parameter, Func<StatementColumns, T> map, CancellationToken ct) =>
        ReadWith(sql, parameter is null ? [] : [parameter], map, ct);

    /// <summary>A query's rows on a read-only connection of its own (<see cref="PreparedRead"/>).</summary>
    /// <param name="parameters">In order of their first appearance in <paramref name="sql"/>.</param>
    private async IAsyncEnumerable<T> ReadWith<T>(string sql, object[] parameters, Func<StatementColumns, T> map,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = SqliteDatabase.OpenReadOnly(Path);
        foreach (var row in PreparedRead.Rows(connection, Path, sql, parameters, map, ct)) yield return row;
    }

    private static string UpsertClause(string[] columns, int keyColumns)
    {
        var updates = new StringBuilder();
        for (var i = keyColumns; i < columns.Length; i++)
        {
            if (updates.Length > 0) updates.Append(", ");
            updates.Append(columns[i]).Append(" = excluded.").Append(columns[i]);
        }
        return $"ON CONFLICT ({string.Join(", ", columns[..keyColumns])}) DO UPDATE SET {updates}";
    }

    private void Execute(string sql, SqliteTransaction? transaction = null, string? key = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (key is not null) command.Parameters.AddWithValue("$key", key);
        command.ExecuteNonQuery();
    }

    private static string WeekText(DateOnly week) => week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ReadWeek(StatementColumns row, int column) =>
        DateOnly.ParseExact(row.String(column), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? JoinList(IReadOnlyList<string> values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => string.Join(ListSeparator, values),
    };

    private static IReadOnlyList<string> SplitList(StatementColumns row, int column) =>
        row.IsNull(column) ? [] : row.String(column).Split(ListSeparator);

    private static InteractionKind ParseInteractionKind(string name) =>
        InteractionKinds.TryParse(name, out var kind)
            ? kind
            : throw new InvalidDataException($"interactions.kind: unknown value '{name}'.");
}
