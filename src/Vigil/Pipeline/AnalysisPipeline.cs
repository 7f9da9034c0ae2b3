using System.Runtime;
using Vigil.Amplification;
using Vigil.Bots;
using Vigil.Coordination;
using Vigil.DecisionLog;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Storage;

namespace Vigil.Pipeline;

public sealed record AnalysisOptions
{
    public required Detector Detector { get; init; }
    /// <summary>
    /// The two-stage detector over <see cref="Detector"/>, or null for the first stage alone. Give it
    /// <see cref="CascadeOptions.ConfirmFlagged"/> so that every post an action or a review item depends on is decided
    /// by the encoder.
    /// </summary>
    public CascadeDetector? TwoStage { get; init; }
    public required BotModel BotModel { get; init; }
    /// <summary>When the accounts' counts were taken; the newest post when null (<see cref="Bots.ObservationTime"/>).</summary>
    public DateTimeOffset? AccountsObservedAt { get; init; }
    public required EnforcementPolicy Policy { get; init; }
    /// <summary>Co-actions count when they fall within this many seconds of each other.</summary>
    public double CoordinationWindowSeconds { get; init; } = 60;
    /// <summary>
    /// Jaccard similarity for co-similar (near-duplicate) posts. 0.5 with at least 5 tokens recovers light paraphrases
    /// without linking ordinary short chatter (docs/COORDINATION.md).
    /// </summary>
    public double SimilarityThreshold { get; init; } = 0.5;
    public int MinSimilarityTokens { get; init; } = 5;
    public ClusterOptions Clusters { get; init; } = new();
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <param name="AmplificationWeeks">The attribution of reach per week and category. The per-post rows are stored under
/// <paramref name="AmplifierKey"/> and not kept here (<see cref="IVigilStore.ReadAmplifierResultsAsync"/>): at 10M posts
/// they and the arrays behind them were 400 MB through the policy stage.</param>
public sealed record AnalysisResult(
    AssessStageResult Assess,
    IReadOnlyDictionary<string, BotScore> BotScores,
    IReadOnlyList<CoordinationSummary> Coordination,
    IReadOnlyList<CoordinatedCluster> Clusters,
    IReadOnlyList<WeeklyAmplification> AmplificationWeeks,
    EnforcementRun Enforcement,
    EnforcementSummary EnforcementSummary,
    AnalysisKey AmplifierKey);

/// <summary>
/// <c>vigil analyze</c>: every analysis stage in order over what the store holds. Detection stores one assessment per
/// post; the amplifier stages score accounts, find coordinated clusters and attribute reach, and store what they found
/// under <see cref="AnalysisResult.AmplifierKey"/>; the policy stage appends its decisions to the decision log in the
/// same database file. Each stage records the versions that produced it, and re-running with the same versions adds
/// nothing.
/// </summary>
/// <remarks>
/// The store is read in streams, never whole: detection's read of the posts also fills a compact scan of them
/// (<see cref="PlatformScan"/>: numbers per post, no texts), the amplifier stages work from that scan and a stream of the
/// interactions, a last read of the posts (beside the bot scores and the attribution) collects the clusters' sample
/// texts. Memory grows by tens of bytes per post; the co-similar tokens, each account's posting rhythm and the
/// assessments (which the policy stage weighs one at a time, in the order detection saved them) wait in scratch files
/// until their stage reads them back a piece at a time (docs/BENCHMARKS.md, "Analysis in bounded memory").
/// </remarks>
public static class AnalysisPipeline
{
    /// <summary>The co-action types that make up clusters; co-post is the null model and is left out (docs/COORDINATION.md).</summary>
    internal static readonly CoordinationType[] ClusterTypes =
        [CoordinationType.CoRetweet, CoordinationType.CoTweet, CoordinationType.CoSimilar, CoordinationType.CoLink, CoordinationType.CoReply];

    public static async Task<AnalysisResult> RunAsync(IVigilStore store, IDecisionLog log, AnalysisOptions options,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var accounts = await store.ReadAccountsAsync(ct).ToListAsync(ct);
        var posts = await store.CountPostsAsync(ct) ?? 0;
        using var scan = new PlatformScan(accounts, ClusterTypes, options.MinSimilarityTokens, (int)Math.Min(posts, Array.MaxLength));
        progress?.Report("detect: scoring posts");
        var assess = await AssessStage.RunAsync(store, options.Detector, options.Time, options.TwoStage, scan, ct);
        progress?.Report("detect: building the scan");
        var platform = scan.Build();

        // The behaviour summaries are taken now, so the per-post numbers behind them are let go before the networks are
        // built; the scores themselves wait for the clusters, which are part of them.
        var behaviours = BotStage.TakeBehaviours(accounts, platform.TakeBehaviour);
        // Building the scan copied its lists to arrays and let them go: large-object space that the collector keeps
        // (and counts in the resident set) unless the heap is compacted, at 10M posts a few hundred megabytes under
        // co-similar's slice indexes. Once, here, where the live heap is what the rest of the analysis works from.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        progress?.Report("amplifiers: coordinated networks");
        var coordination = new List<CoordinationResult>(ClusterTypes.Length);
        foreach (var type in ClusterTypes)
        {
            progress?.Report($"amplifiers: coordinated networks, {CoordinationTypes.Name(type)}");
            coordination.Add(CoordinationDetector.Detect(platform.Messages, new CoordinationOptions
            {
                Type = type, WindowSeconds = options.CoordinationWindowSeconds,
                SimilarityThreshold = options.SimilarityThreshold, MinSimilarityTokens = options.MinSimilarityTokens,
            }));
            platform.Messages.Release(type);
        }
        progress?.Report("amplifiers: clusters");
        var (clusters, sampling) = FindClusters(store, platform, coordination, options.Clusters, ct);
        var amplifierKey = AmplifierRecords.KeyFor(assess.ModelVersion, options);
        IReadOnlyDictionary<string, BotScore> botScores;
        List<CoordinationSummary> networks;
        IReadOnlyList<WeeklyAmplification> weeks;
        try
        {
            progress?.Report("amplifiers: bot scores");
            botScores = BotStage.Run(accounts, behaviours.GetValueOrDefault, platform.NewestPost,
                CoordinationSignal.ByAccount(coordination, clusters), options.BotModel, options.AccountsObservedAt, options.Time);
            // The networks' last use: what the result keeps of them is a summary each (at 10M posts the edges are 225 MB).
            networks = coordination.Select(CoordinationSummary.Of).ToList();
            coordination.Clear();
            weeks = await AttributeAndStoreAsync(store, platform, botScores, clusters, sampling, amplifierKey, options, progress, ct);
        }
        catch
        {
            // Not returning while the sample texts are still being read from the store; the failure reported is this one.
            await ((Task)sampling).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        clusters = await sampling;

        var clusterOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
            foreach (var member in cluster.Members)
                clusterOf.TryAdd(member.UserId, "cluster-" + cluster.Id);

        progress?.Report("policy: decisions");
        var engine = await EnforcementEngine.OpenAsync(options.Policy, log, options.Time, ct: ct);
        var enforcement = await engine.ApplyAsync(ReadAhead.Of(PolicyInputs(platform, botScores, clusterOf).ToAsyncEnumerable(), ct), ct: ct);
        var summary = EnforcementSummary.From(engine.State, options.Time.GetUtcNow());
        progress?.Report("done");
        return new AnalysisResult(assess, botScores, networks, clusters, weeks, enforcement, summary, amplifierKey);
    }

    /// <summary>
    /// Attributes reach, stores the amplifier results under <paramref name="key"/> once the clusters' sample texts are in,
    /// and returns the weekly figures. The per-post rows and the frame behind them (400 MB at 10M posts) live in this
    /// method alone: an async method's locals are fields of its state machine, which would hold them through the policy.
    /// </summary>
    private static async Task<IReadOnlyList<WeeklyAmplification>> AttributeAndStoreAsync(IVigilStore store,
        PlatformScan.ScannedPlatform platform, IReadOnlyDictionary<string, BotScore> botScores, IReadOnlyList<CoordinatedCluster> clusters,
        Task<IReadOnlyList<CoordinatedCluster>> sampledClusters, AnalysisKey key, AnalysisOptions options, IProgress<string>? progress,
        CancellationToken ct)
    {
        progress?.Report("amplifiers: attribution of reach");
        var frame = await platform.AmplificationFrameAsync(store.ReadInteractionsAsync(ct), botScores, clusters, ct);
        var amplification = new AmplificationEngine(new AmplificationOptions { BotThreshold = options.BotModel.Threshold }).Attribute(frame);
        progress?.Report($"amplifiers: storing results as analysis {key.Id}");
        await store.SaveAmplifierResultsAsync(AmplifierRecords.From(key, botScores, await sampledClusters, amplification), ct);
        return amplification.Weeks;
    }

    /// <summary>
    /// The clusters, and a task that adds their sample texts. The texts take one more read of the posts, and only the
    /// stored results and the report show them: the read runs beside the bot scores and the attribution of reach, which
    /// need the members alone. The message table is let go here; the task holds what the samples need.
    /// </summary>
    private static (IReadOnlyList<CoordinatedCluster> Members, Task<IReadOnlyList<CoordinatedCluster>> Sampled) FindClusters(
        IVigilStore store, PlatformScan.ScannedPlatform platform, IReadOnlyList<CoordinationResult> networks, ClusterOptions options,
        CancellationToken ct)
    {
        var found = ClusterFinder.Find(platform.Messages, networks, options);
        platform.ReleaseMessages();
        return (found.Unsampled, Task.Run(() => SampledClustersAsync(store, platform, found, ct), ct));
    }

    /// <summary>The clusters with their sample texts, read from the posts the samples need (stopping after the last).</summary>
    private static async Task<IReadOnlyList<CoordinatedCluster>> SampledClustersAsync(IVigilStore store,
        PlatformScan.ScannedPlatform platform, FoundClusters found, CancellationToken ct)
    {
        var last = found.LastWanted;
        var m = 0;
        if (last >= 0)
        {
            await foreach (var post in store.ReadPostsAsync(ct))
            {
                if (!platform.Ids[m].SequenceEqual(post.Id))
                    throw new InvalidOperationException($"the store's posts changed during the analysis (post {post.Id} where {platform.Ids.IdOf(m)} was read)");
                if (found.WantsText(m)) found.AddText(m, post.Text, post.RepostOfId);
                if (++m > last) break;
            }
        }
        return found.Clusters();
    }

    /// <summary>
    /// Each assessed post with what the policy weighs, in post id order as detection saved them: the assessments the
    /// store holds for this model version, without reading them back from it (<see cref="SavedAssessments"/>).
    /// </summary>
    private static IEnumerable<PolicyInput> PolicyInputs(PlatformScan.ScannedPlatform platform,
        IReadOnlyDictionary<string, BotScore> botScores, Dictionary<string, string> clusterOf)
    {
        foreach (var (post, assessment) in platform.Assessments())
        {
            var author = platform.AuthorId(post);
            yield return new PolicyInput
            {
                PostId = assessment.PostId, AuthorId = author, Assessment = assessment, PostedAt = platform.CreatedAt(post),
                Reach = platform.Views(post), BotScore = botScores.TryGetValue(author, out var bot) ? bot.PBot : 0,
                ClusterId = clusterOf.GetValueOrDefault(author),
            };
        }
    }
}
