using Vigil.Amplification;
using Vigil.Bots;
using Vigil.Coordination;
using Vigil.DecisionLog;
using Vigil.Detection;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Storage;

namespace Vigil.Pipeline;

public sealed record AnalysisOptions
{
    public required Detector Detector { get; init; }
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

/// <param name="Assessments">This run's assessment of every original post, by post id, as stored.</param>
public sealed record AnalysisResult(
    AssessStageResult Assess,
    IReadOnlyDictionary<string, Assessment> Assessments,
    IReadOnlyDictionary<string, BotScore> BotScores,
    IReadOnlyList<CoordinationResult> Coordination,
    IReadOnlyList<CoordinatedCluster> Clusters,
    AmplificationReport Amplification,
    EnforcementRun Enforcement,
    EnforcementSummary EnforcementSummary,
    AnalysisKey AmplifierKey);

/// <summary>
/// <c>vigil analyze</c>: every analysis stage in order over what the store holds. Detection stores one assessment per
/// post; the amplifier stages score accounts, find coordinated clusters and attribute reach, and store what they found
/// under <see cref="AnalysisResult.AmplifierKey"/>; the policy stage appends its decisions to the decision log in the
/// same database file. Each stage records the versions that produced it, and
/// re-running with the same versions adds nothing.
/// Amplifier stages hold the platform's posts in memory: fine for millions of posts on one machine, and the point where
/// a deployment would move them to the stream workers.
/// </summary>
public static class AnalysisPipeline
{
    /// <summary>The co-action types that make up clusters; co-post is the null model and is left out (docs/COORDINATION.md).</summary>
    private static readonly CoordinationType[] ClusterTypes =
        [CoordinationType.CoRetweet, CoordinationType.CoTweet, CoordinationType.CoSimilar, CoordinationType.CoLink, CoordinationType.CoReply];

    public static async Task<AnalysisResult> RunAsync(IVigilStore store, IDecisionLog log, AnalysisOptions options,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        progress?.Report("detect: scoring posts");
        var assess = await AssessStage.RunAsync(store, options.Detector, options.Time, ct);

        progress?.Report("amplifiers: reading the platform");
        var accounts = await store.ReadAccountsAsync(ct).ToListAsync(ct);
        var posts = await store.ReadPostsAsync(ct).ToListAsync(ct);
        var interactions = await store.ReadInteractionsAsync(ct).ToListAsync(ct);
        var assessments = new Dictionary<string, Assessment>(StringComparer.Ordinal);
        await foreach (var assessment in store.ReadAssessmentsAsync(assess.ModelVersion, ct)) assessments[assessment.PostId] = assessment;

        progress?.Report("amplifiers: bot scores");
        var botScores = BotStage.Run(accounts, posts, options.BotModel, options.AccountsObservedAt, options.Time);

        progress?.Report("amplifiers: coordinated networks");
        var handles = new Dictionary<string, string>(accounts.Count, StringComparer.Ordinal);
        foreach (var account in accounts) handles[account.Id] = account.Handle;
        var messages = CoordinationMessage.FromPosts(posts, id => handles.GetValueOrDefault(id, id)).ToList();
        var coordination = new List<CoordinationResult>(ClusterTypes.Length);
        foreach (var type in ClusterTypes)
        {
            coordination.Add(CoordinationDetector.Detect(messages, new CoordinationOptions
            {
                Type = type, WindowSeconds = options.CoordinationWindowSeconds,
                SimilarityThreshold = options.SimilarityThreshold, MinSimilarityTokens = options.MinSimilarityTokens,
            }));
        }
        var clusters = ClusterFinder.FindClusters(messages, coordination, options.Clusters);

        progress?.Report("amplifiers: attribution of reach");
        var clusterOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var clusterSets = new List<IReadOnlySet<string>>(clusters.Count);
        foreach (var cluster in clusters)
        {
            var members = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in cluster.Members)
            {
                members.Add(member.UserId);
                clusterOf.TryAdd(member.UserId, "cluster-" + cluster.Id);
            }
            clusterSets.Add(members);
        }
        var followers = new Dictionary<string, long>(accounts.Count, StringComparer.Ordinal);
        foreach (var account in accounts) followers[account.Id] = account.Followers;
        var flags = new Dictionary<string, PostFlags>(assessments.Count, StringComparer.Ordinal);
        foreach (var (id, assessment) in assessments) flags[id] = new PostFlags(assessment.Hateful, assessment.Antisemitic);
        var pBot = new Dictionary<string, double>(botScores.Count, StringComparer.Ordinal);
        foreach (var (id, score) in botScores) pBot[id] = score.PBot;
        var amplification = new AmplificationEngine(new AmplificationOptions { BotThreshold = options.BotModel.Threshold })
            .Attribute(new AmplificationInput
            {
                Posts = posts, Interactions = interactions, Followers = followers, BotScores = pBot, Clusters = clusterSets, Flags = flags,
            });

        var amplifierKey = AmplifierRecords.KeyFor(assess.ModelVersion, options);
        progress?.Report($"amplifiers: storing results as analysis {amplifierKey.Id}");
        await store.SaveAmplifierResultsAsync(AmplifierRecords.From(amplifierKey, botScores, clusters, amplification), ct);

        progress?.Report("policy: decisions");
        var engine = await EnforcementEngine.OpenAsync(options.Policy, log, options.Time, ct: ct);
        var inputs = new List<PolicyInput>(assessments.Count);
        foreach (var post in posts)
        {
            if (!assessments.TryGetValue(post.Id, out var assessment)) continue;
            inputs.Add(new PolicyInput
            {
                PostId = post.Id, AuthorId = post.AuthorId, Assessment = assessment, PostedAt = post.CreatedAt, Reach = post.Views,
                BotScore = botScores.TryGetValue(post.AuthorId, out var bot) ? bot.PBot : 0,
                ClusterId = clusterOf.GetValueOrDefault(post.AuthorId),
            });
        }
        var enforcement = await engine.ApplyAsync(inputs, ct: ct);
        var summary = EnforcementSummary.From(engine.State, options.Time.GetUtcNow());
        return new AnalysisResult(assess, assessments, botScores, coordination, clusters, amplification, enforcement, summary, amplifierKey);
    }
}
