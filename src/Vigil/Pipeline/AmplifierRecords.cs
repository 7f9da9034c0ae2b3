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
internal static class AmplifierRecords
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
            scores.Add(new StoredBotScore(score.AccountId, score.PBot, score.IsBot, score.Why));

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

        return new AmplifierResults(key, scores, storedClusters, amplification.Reposted, amplification.Weeks);
    }
}
