using Vigil.Coordination;
using Vigil.Model;
using Vigil.Pipeline;

namespace Vigil.Bots;

/// <summary>
/// What the coordination stage found about one account: how many other accounts it acted in step with (an edge of any
/// cluster-making co-action network, either direction) and whether it sits in a reported coordinated cluster.
/// </summary>
public sealed record CoordinationSignal(int CoActors, int? ClusterSize)
{
    public bool InCluster => ClusterSize is not null;

    /// <summary>Every account the networks or clusters mention, by id; an account absent from both acted alone.</summary>
    public static Dictionary<string, CoordinationSignal> ByAccount(IEnumerable<CoordinationResult> networks,
        IEnumerable<CoordinatedCluster> clusters)
    {
        var partners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Link(string from, string to)
        {
            if (!partners.TryGetValue(from, out var set)) partners[from] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(to);
        }
        foreach (var network in networks)
            foreach (var edge in network.Edges)
            {
                Link(edge.User1, edge.User2);
                Link(edge.User2, edge.User1);
            }
        var clusterSize = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
            foreach (var member in cluster.Members)
                clusterSize.TryAdd(member.UserId, cluster.Members.Count);

        var result = new Dictionary<string, CoordinationSignal>(StringComparer.Ordinal);
        foreach (var id in partners.Keys.Union(clusterSize.Keys))
            result[id] = new CoordinationSignal(partners.GetValueOrDefault(id)?.Count ?? 0,
                clusterSize.TryGetValue(id, out var size) ? size : null);
        return result;
    }

    /// <summary>
    /// The coordination stage as <c>vigil analyze</c> runs it (its cluster-making co-action types and its default window,
    /// similarity and cluster settings, <see cref="AnalysisOptions"/>), on posts held in memory: what lets
    /// <c>vigil bots score</c> and <c>vigil bots eval --sim</c> score with the same features as <c>analyze</c>.
    /// Accounts are named by id, as <c>analyze</c> names them.
    /// </summary>
    public static Dictionary<string, CoordinationSignal> FromPosts(IReadOnlyList<Post> posts, double windowSeconds = 60,
        double similarityThreshold = 0.5, int minSimilarityTokens = 5)
    {
        var messages = CoordinationMessage.FromPosts(posts).ToArray();
        var networks = AnalysisPipeline.ClusterTypes.Select(type => CoordinationDetector.Detect(messages, new CoordinationOptions
        {
            Type = type, WindowSeconds = windowSeconds, SimilarityThreshold = similarityThreshold, MinSimilarityTokens = minSimilarityTokens,
        })).ToArray();
        return ByAccount(networks, ClusterFinder.FindClusters(messages, networks, new ClusterOptions()));
    }

    /// <summary>The signal of an account the coordination stage looked at and found acting alone.</summary>
    public static readonly CoordinationSignal Alone = new(0, null);
}
