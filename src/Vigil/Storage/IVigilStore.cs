using System.Data.Common;
using System.Runtime.CompilerServices;
using Vigil.Model;
using Vigil.Amplification;

namespace Vigil.Storage;

/// <summary>Counts from one batched write: rows new to the store, and rows it already had (same platform id).</summary>
public readonly record struct WriteCounts(int Inserted, int Duplicates)
{
    public static WriteCounts operator +(WriteCounts a, WriteCounts b) =>
        new(a.Inserted + b.Inserted, a.Duplicates + b.Duplicates);
}

/// <summary>What measuring prevalence reads of a post: when, how widely seen, and whether it only reposts another.</summary>
public readonly record struct PostReach(string Id, DateTimeOffset CreatedAt, long Views, bool IsRepost);

/// <summary>An assessment's two probabilities, what sampling and the estimators read of it.</summary>
public readonly record struct AssessmentScores(string PostId, double PHateful, double PAntisemitic);

/// <summary>How much the store holds.</summary>
public sealed record StoreStats(long Accounts, long Posts, long Interactions, long Assessments, DateTimeOffset? FirstPost,
    DateTimeOffset? LastPost)
{
    /// <summary>Stored amplifier runs (distinct <see cref="AnalysisKey"/>s).</summary>
    public long AnalysisRuns { get; init; }
    /// <summary>Bot scores over all bot model versions.</summary>
    public long BotScores { get; init; }
    public long Clusters { get; init; }
    public long ClusterMembers { get; init; }
    /// <summary>Per-post amplification rows (reposted posts) over all runs.</summary>
    public long PostAmplifications { get; init; }
    /// <summary>Per-week-and-category amplification rows over all runs.</summary>
    public long WeeklyAmplifications { get; init; }

    /// <summary>The one query every SQL store answers <see cref="IVigilStore.GetStatsAsync"/> with (the schemas share table names).</summary>
    public const string Query = """
        SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM posts), (SELECT count(*) FROM interactions),
               (SELECT count(*) FROM assessments), (SELECT min(created_at) FROM posts), (SELECT max(created_at) FROM posts),
               (SELECT count(*) FROM analysis_runs), (SELECT count(*) FROM bot_scores), (SELECT count(*) FROM clusters),
               (SELECT count(*) FROM cluster_members), (SELECT count(*) FROM post_amplification),
               (SELECT count(*) FROM weekly_amplification)
        """;

    /// <summary>The row of <see cref="Query"/>; <paramref name="timeAt"/> reads a store's time column (null when no posts).</summary>
    public static StoreStats Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset?> timeAt) =>
        new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), timeAt(reader, 4), timeAt(reader, 5))
        {
            AnalysisRuns = reader.GetInt64(6),
            BotScores = reader.GetInt64(7),
            Clusters = reader.GetInt64(8),
            ClusterMembers = reader.GetInt64(9),
            PostAmplifications = reader.GetInt64(10),
            WeeklyAmplifications = reader.GetInt64(11),
        };
}

/// <summary>
/// Where Vigil keeps what it ingests and what its stages derive. SQLite is the embedded default; other stores (PostgreSQL)
/// implement the same contract and run the same contract test suite. Writes are batched and idempotent by platform id;
/// reads stream in a stable order (by id) so that every stage is reproducible.
/// </summary>
/// <remarks>
/// Every method is asynchronous and takes a <see cref="CancellationToken"/> last: a network store (PostgreSQL) waits on
/// I/O, and a server cancels the work of a request that went away. A cancelled write leaves nothing of its batch (each
/// write is one transaction); a cancelled read stops where it is. An embedded store may complete synchronously.
/// </remarks>
public interface IVigilStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema. Safe to call on every open.</summary>
    Task MigrateAsync(CancellationToken ct = default);

    Task<WriteCounts> AddAccountsAsync(IReadOnlyList<Account> accounts, CancellationToken ct = default);
    Task<WriteCounts> AddPostsAsync(IReadOnlyList<Post> posts, CancellationToken ct = default);
    /// <summary>
    /// Which of <paramref name="ids"/> the store already holds as posts: a producer queues work for the others alone
    /// (<c>vigil ingest --queue</c>).
    /// </summary>
    Task<IReadOnlySet<string>> ExistingPostIdsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default);

    Task<WriteCounts> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken ct = default);

    IAsyncEnumerable<Account> ReadAccountsAsync(CancellationToken ct = default);
    IAsyncEnumerable<Post> ReadPostsAsync(CancellationToken ct = default);

    /// <summary>
    /// How many posts the store holds, when it can say without reading them (SQLite counts its primary key); null
    /// otherwise. A whole-platform analysis sizes its per-post arrays from it instead of growing them by doubling.
    /// </summary>
    Task<long?> CountPostsAsync(CancellationToken ct = default) => Task.FromResult<long?>(null);
    IAsyncEnumerable<Interaction> ReadInteractionsAsync(CancellationToken ct = default);

    /// <summary>
    /// The post with this id, or null. The default scans <see cref="ReadPostsAsync"/>: right for any store, and what a
    /// store replaces with a keyed lookup (SQLite does) so that a page showing one post does not read them all.
    /// </summary>
    async Task<Post?> FindPostAsync(string id, CancellationToken ct = default)
    {
        await foreach (var post in ReadPostsAsync(ct)) if (post.Id == id) return post;
        return null;
    }

    /// <summary>The account with this id, or null; the default scans, as <see cref="FindPostAsync"/>'s does.</summary>
    async Task<Account?> FindAccountAsync(string id, CancellationToken ct = default)
    {
        await foreach (var account in ReadAccountsAsync(ct)) if (account.Id == id) return account;
        return null;
    }

    /// <summary>
    /// The posts after <paramref name="afterId"/> (from the first when null) in id order: the pages a list walks through.
    /// The default skips through <see cref="ReadPostsAsync"/>; a store replaces it with a seek (SQLite does).
    /// </summary>
    async IAsyncEnumerable<Post> ReadPostsAfterAsync(string? afterId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var post in ReadPostsAsync(ct))
            if (afterId is null || string.CompareOrdinal(post.Id, afterId) > 0) yield return post;
    }

    /// <summary>The post's assessment under <paramref name="modelVersion"/>, or null; the default scans, as <see cref="FindPostAsync"/>'s does.</summary>
    async Task<Assessment?> FindAssessmentAsync(string postId, string modelVersion, CancellationToken ct = default)
    {
        await foreach (var assessment in ReadAssessmentsAsync(modelVersion, ct)) if (assessment.PostId == postId) return assessment;
        return null;
    }

    /// <summary>
    /// Every post's <see cref="PostReach"/>, in id order. The default projects <see cref="ReadPostsAsync"/>; a store
    /// replaces it with a query that leaves texts and lists on disk (SQLite and PostgreSQL do), which is most of what a
    /// report over millions of posts would otherwise read.
    /// </summary>
    async IAsyncEnumerable<PostReach> ReadPostReachAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var post in ReadPostsAsync(ct)) yield return new PostReach(post.Id, post.CreatedAt, post.Views, post.RepostOfId is not null);
    }

    /// <summary>
    /// The probabilities of every assessment under <paramref name="modelVersion"/>, in post id order; the default projects
    /// <see cref="ReadAssessmentsAsync"/>, a store reads the two columns alone.
    /// </summary>
    async IAsyncEnumerable<AssessmentScores> ReadAssessmentScoresAsync(string modelVersion, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var a in ReadAssessmentsAsync(modelVersion, ct)) yield return new AssessmentScores(a.PostId, a.PHateful, a.PAntisemitic);
    }

    /// <summary>Replaces the assessment of each post for the same model version; other versions are kept.</summary>
    Task SaveAssessmentsAsync(IReadOnlyList<Assessment> assessments, CancellationToken ct = default);
    IAsyncEnumerable<Assessment> ReadAssessmentsAsync(string modelVersion, CancellationToken ct = default);

    /// <summary>
    /// Saves one run's amplifier results in one transaction. Everything stored under the same key is replaced; other keys
    /// are kept. Bot scores depend on the bot model alone, so they are kept per bot model version and the last save for
    /// that version replaces its scores.
    /// </summary>
    Task SaveAmplifierResultsAsync(AmplifierResults results, CancellationToken ct = default);

    /// <summary>The results saved under <paramref name="key"/>, in the order their records document; null when none were.</summary>
    Task<AmplifierResults?> ReadAmplifierResultsAsync(AnalysisKey key, CancellationToken ct = default);

    /// <summary>The key of the analysis run saved last, or null before the first <c>vigil analyze</c>.</summary>
    Task<AnalysisKey?> LatestAnalysisAsync(CancellationToken ct = default);

    /// <summary>
    /// What the latest analysis run concluded about one account: its bot score (with the scorer's explanation in words)
    /// and the cluster it was placed in; null before the first run. The default reads the whole run; a store replaces it
    /// with keyed lookups (SQLite does).
    /// </summary>
    async Task<AccountAnalysis?> FindAccountAnalysisAsync(string accountId, CancellationToken ct = default)
    {
        if (await LatestAnalysisAsync(ct) is not { } key || await ReadAmplifierResultsAsync(key, ct) is not { } results) return null;
        return new AccountAnalysis(key, results.BotScores.FirstOrDefault(s => s.AccountId == accountId),
            results.Clusters.FirstOrDefault(c => c.MemberIds.Contains(accountId))?.Id);
    }

    /// <summary>A cluster of the latest analysis run, or null; the default reads the whole run, as <see cref="FindAccountAnalysisAsync"/>'s does.</summary>
    async Task<StoredCluster?> FindClusterAsync(int clusterId, CancellationToken ct = default) =>
        await LatestAnalysisAsync(ct) is { } key && await ReadAmplifierResultsAsync(key, ct) is { } results
            ? results.Clusters.FirstOrDefault(c => c.Id == clusterId)
            : null;

    Task<StoreStats> GetStatsAsync(CancellationToken ct = default);
}
