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
        // Each linked pair once, however many networks and directions name it: numbered accounts packed into one long
        // and sorted, where a set of partners per account took two insertions an edge (at 10M posts, 36M of them: 45 s).
        var (ids, numbered) = PackedEdges.OnOneNumbering(networks.Select(n => n.Edges).ToList());
        var pairs = new long[numbered.Sum(n => n.Count)];
        var p = 0;
        foreach (var network in numbered)
            foreach (var key in network.Keys)
                pairs[p++] = PackedPair.Unordered(PackedPair.First(key), PackedPair.Second(key));
        Array.Sort(pairs);
        var partners = new int[ids.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0 && pairs[i] == pairs[i - 1]) continue;
            var (low, high) = (PackedPair.First(pairs[i]), PackedPair.Second(pairs[i]));
            partners[low]++;
            if (high != low) partners[high]++;
        }

        var clusterSize = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
            foreach (var member in cluster.Members)
                clusterSize.TryAdd(member.UserId, cluster.Members.Count);

        // The numbering may hold accounts of the table without an edge: only those with a partner are named here.
        var result = new Dictionary<string, CoordinationSignal>(clusterSize.Count, StringComparer.Ordinal);
        for (var n = 0; n < ids.Length; n++)
            if (partners[n] > 0)
                result[ids[n]] = new CoordinationSignal(partners[n], clusterSize.TryGetValue(ids[n], out var size) ? size : null);
        foreach (var (id, size) in clusterSize) result.TryAdd(id, new CoordinationSignal(0, size));
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
