using System.Globalization;
using Vigil.Amplification;
using Vigil.Bots;
using Vigil.Coordination;
using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Pipeline;

/// <summary>
/// Turns the amplifier stages' results into the plain records the store keeps, and names the run by what produced it:
/// the detector version, the bot model version, and every setting that changes who counts as a bot or which accounts
/// cluster.
/// </summary>
public static class AmplifierRecords
{
    public static AnalysisKey KeyFor(string detectorVersion, AnalysisOptions options)
    {
        var c = options.Clusters;
        var settings = string.Create(CultureInfo.InvariantCulture,
            $"bot-threshold={options.BotModel.Threshold} window={options.CoordinationWindowSeconds}s similarity={options.SimilarityThreshold} " +
            $"min-tokens={options.MinSimilarityTokens} min-pair-weight={c.MinPairWeight} min-cluster-size={c.MinClusterSize} " +
            $"min-density={c.MinDensity} resolution={c.Resolution} seed={c.Seed}");
        return new AnalysisKey(detectorVersion, options.BotModel.Version, settings);
    }

    public static AmplifierResults From(AnalysisKey key, IReadOnlyDictionary<string, BotScore> botScores,
        IReadOnlyList<CoordinatedCluster> clusters, AmplificationReport amplification)
    {
        var scores = new List<StoredBotScore>(botScores.Count);
        foreach (var score in botScores.Values)
            scores.Add(new StoredBotScore(score.AccountId, score.PBot, score.IsBot, score.TopFeaturesText));

        var storedClusters = new List<StoredCluster>(clusters.Count);
        foreach (var cluster in clusters)
        {
            var members = new List<string>(cluster.Members.Count);
            foreach (var member in cluster.Members) members.Add(member.UserId);
            var kinds = new List<StoredCoAction>(cluster.Kinds.Count);
            foreach (var kind in cluster.Kinds) kinds.Add(new StoredCoAction(kind.Kind, kind.Weight, kind.Pairs));
            storedClusters.Add(new StoredCluster(cluster.Id, members, kinds, cluster.TotalWeight, cluster.MeanWeight, cluster.Density,
                cluster.FirstCoAction, cluster.LastCoAction));
        }

        var posts = new List<StoredPostAmplification>(amplification.Posts.Count);
        foreach (var p in amplification.Posts)
        {
            posts.Add(new StoredPostAmplification(p.PostId, p.AuthorId, p.Week, Kebab.From(p.Category), p.Reposts, p.BotReposts,
                p.ClusterReposts, p.AmplifierReposts, p.Views, p.BotViews, p.ClusterViews, p.AmplifierViews));
        }

        var weeks = new List<StoredWeeklyAmplification>(amplification.Weeks.Count);
        foreach (var w in amplification.Weeks)
        {
            weeks.Add(new StoredWeeklyAmplification(w.Week, Kebab.From(w.Category), w.Posts, w.Reposts, w.BotReposts, w.ClusterReposts,
                w.AmplifierReposts, w.Views, w.BotViews, w.ClusterViews, w.AmplifierViews));
        }
        return new AmplifierResults(key, scores, storedClusters, posts, weeks);
    }
}
