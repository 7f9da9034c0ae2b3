using Vigil.Simulation.Synthetic;
using Vigil.Coordination;
using Xunit.Abstractions;

namespace Vigil.Tests.Coordination;

/// <summary>Planted coordinated clusters in a synthetic stream must come back as clusters, with few organic accounts.</summary>
public sealed class ClusterRecoveryTests(ITestOutputHelper output)
{
    internal static readonly CoordinationType[] ClusterTypes =
        [CoordinationType.CoRetweet, CoordinationType.CoTweet, CoordinationType.CoLink, CoordinationType.CoReply, CoordinationType.CoSimilar];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Planted_clusters_are_recovered_at_the_account_level(int seed)
    {
        var data = SyntheticCoordination.Generate(new SyntheticCoordinationOptions { Seed = seed });
        var clusters = Cluster(data.Messages, similarity: 0.5);
        var score = RecoveryScore.Of(data.Planted, clusters);
        output.WriteLine(score.ToString());
        Assert.True(score.Precision >= 0.95, score.ToString());
        Assert.True(score.Recall >= 0.95, score.ToString());
        foreach (var (kind, recall) in score.RecallByKind) Assert.True(recall >= 0.95, $"{kind}: {score}");
    }

    [Fact]
    public void Each_planted_cluster_comes_back_as_its_own_cluster()
    {
        var data = SyntheticCoordination.Generate(new SyntheticCoordinationOptions { Seed = 4 });
        var clusters = Cluster(data.Messages, similarity: 0.5);
        foreach (var planted in data.Planted)
        {
            var best = clusters.MaxBy(c => c.Members.Count(m => planted.Members.Contains(m.UserId)))!;
            var overlap = best.Members.Count(m => planted.Members.Contains(m.UserId));
            Assert.True(overlap >= planted.Members.Count - 1 && best.Members.Count <= planted.Members.Count + 1,
                $"planted {planted.Id} ({planted.Kind}, {planted.Members.Count}) best match {best.Id} has {best.Members.Count} members, {overlap} planted");
        }
    }

    [Fact]
    public void Clusters_describe_their_kinds_span_and_content()
    {
        var data = SyntheticCoordination.Generate(new SyntheticCoordinationOptions { Seed = 5, ClustersPerKind = 1 });
        var clusters = Cluster(data.Messages, similarity: 0.5);
        var retweeters = data.Planted.Single(p => p.Kind == PlantedKind.CoRetweet);
        var cluster = clusters.Single(c => c.Members.Any(m => m.UserId == retweeters.Members[0]));
        Assert.Equal("co-retweet", cluster.Kinds[0].Kind);
        Assert.True(cluster.LastCoAction > cluster.FirstCoAction);
        Assert.Contains(cluster.SampleContent, s => s.StartsWith("[repost of target", StringComparison.Ordinal));
        Assert.InRange(cluster.Density, 0.5, 1.0);
        Assert.Equal(cluster.TotalWeight / (cluster.Density * cluster.Members.Count * (cluster.Members.Count - 1) / 2), cluster.MeanWeight, 6);

        // Paraphrasers also repost organically; their samples must still be their own near-duplicate texts.
        var paraphrasers = data.Planted.Single(p => p.Kind == PlantedKind.Paraphrase);
        var paraphraseCluster = clusters.Single(c => c.Members.Any(m => m.UserId == paraphrasers.Members[0]));
        Assert.Equal("co-similar", paraphraseCluster.Kinds[0].Kind);
        Assert.NotEmpty(paraphraseCluster.SampleContent);
        Assert.DoesNotContain(paraphraseCluster.SampleContent, s => s.StartsWith("[repost of", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_seed_same_clusters()
    {
        var data = SyntheticCoordination.Generate(new SyntheticCoordinationOptions { Seed = 6 });
        var a = Cluster(data.Messages, 0.5);
        var b = Cluster(data.Messages, 0.5);
        Assert.Equal(a.Select(c => string.Join(",", c.Members.Select(m => m.UserId))), b.Select(c => string.Join(",", c.Members.Select(m => m.UserId))));
    }

    internal static IReadOnlyList<CoordinatedCluster> Cluster(IReadOnlyList<CoordinationMessage> messages, double similarity)
    {
        var results = ClusterTypes.Select(type => CoordinationDetector.Detect(messages, new CoordinationOptions
        {
            Type = type, WindowSeconds = 60, SimilarityThreshold = similarity, MinSimilarityTokens = 5,
        })).ToList();
        return ClusterFinder.FindClusters(messages, results, new ClusterOptions());
    }
}

/// <summary>Account-level precision and recall of reported cluster members against planted ones.</summary>
internal sealed record RecoveryScore(double Precision, double Recall, IReadOnlyDictionary<PlantedKind, double> RecallByKind, int Reported, int Planted)
{
    public static RecoveryScore Of(IReadOnlyList<PlantedCluster> planted, IReadOnlyList<CoordinatedCluster> clusters)
    {
        var truth = planted.SelectMany(p => p.Members).ToHashSet();
        var reported = clusters.SelectMany(c => c.Members.Select(m => m.UserId)).ToHashSet();
        var hits = reported.Count(truth.Contains);
        var byKind = planted.GroupBy(p => p.Kind).ToDictionary(g => g.Key,
            g => (double)g.SelectMany(p => p.Members).Count(reported.Contains) / g.Sum(p => p.Members.Count));
        return new RecoveryScore(reported.Count == 0 ? 0 : (double)hits / reported.Count, (double)hits / truth.Count, byKind, reported.Count, truth.Count);
    }

    public override string ToString() =>
        $"precision {Precision:F3}, recall {Recall:F3} ({Reported} reported, {Planted} planted); by kind " +
        string.Join(", ", RecallByKind.Select(kv => $"{kv.Key} {kv.Value:F3}"));
}

public sealed class ParaphraseRecallTests(ITestOutputHelper output)
{
    [Fact]
    public void Toolkit_default_similarity_misses_paraphrasers_that_a_lower_threshold_recovers()
    {
        var data = SyntheticCoordination.Generate(new SyntheticCoordinationOptions { Seed = 7 });
        var strict = RecoveryScore.Of(data.Planted, ClusterRecoveryTests.Cluster(data.Messages, similarity: 0.8));
        var loose = RecoveryScore.Of(data.Planted, ClusterRecoveryTests.Cluster(data.Messages, similarity: 0.5));
        output.WriteLine($"threshold 0.8: {strict}\nthreshold 0.5: {loose}");
        Assert.True(strict.RecallByKind[PlantedKind.Paraphrase] < 0.95, strict.ToString());
        Assert.True(loose.RecallByKind[PlantedKind.Paraphrase] >= 0.95, loose.ToString());
    }
}
