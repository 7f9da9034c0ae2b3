using System.Runtime.InteropServices;

namespace Vigil.Coordination;

/// <summary>
/// Groups coordinated accounts: the union of co-action networks as one undirected graph (mutual weight per type,
/// summed), weak pairs dropped, Louvain communities, then a description of each community.
/// </summary>
public static class ClusterFinder
{
    /// <param name="messages">The same list every result was computed from (results refer to messages by position).</param>
    /// <param name="results">Co-action networks to combine. co-post results are left out: as the null model it links
    /// every pair of accounts that happen to be active at the same time.</param>
    /// <param name="options">Thresholds and the Louvain seed.</param>
    public static IReadOnlyList<CoordinatedCluster> FindClusters(IReadOnlyList<CoordinationMessage> messages,
        IReadOnlyList<CoordinationResult> results, ClusterOptions options)
    {
        using var table = MessageTable.From(messages, [], 0);
        var found = Find(table, results, options);
        for (var m = 0; m < messages.Count; m++)
            if (found.WantsText(m)) found.AddText(m, messages[m].Text, messages[m].RepostId);
        return found.Clusters();
    }

    /// <summary>
    /// The clusters over a message table, before their sample texts: the table holds no texts, so the caller offers
    /// the texts of the messages <see cref="FoundClusters.WantsText"/> asks for (one more pass over a store).
    /// </summary>
    internal static FoundClusters Find(MessageTable table, IReadOnlyList<CoordinationResult> results, ClusterOptions options)
    {
        results = results.Where(r => r.Type != CoordinationType.CoPost).ToList();
        foreach (var result in results)
            if (result.Matched.Length != table.Count)
                throw new ArgumentException($"the {CoordinationTypes.Name(result.Type)} result was computed from a different message list", nameof(results));

        var accounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var graphEdges = new List<(int A, int B, double Weight)>();
        var linked = new List<(int A, int B, long Total, long[] PerType)>();
        foreach (var (pairA, pairB, perType, total) in MutualPairs(results, options.MinPairWeight))
        {
            var a = Intern(pairA);
            var b = Intern(pairB);
            graphEdges.Add((a, b, total));
            linked.Add((a, b, total, perType));
        }
        var community = Louvain.Communities(names.Count, graphEdges, options.Resolution, options.Seed);

        var membersOf = new List<int>[names.Count == 0 ? 0 : community.Max() + 1];
        for (var i = 0; i < membersOf.Length; i++) membersOf[i] = [];
        for (var node = 0; node < names.Count; node++) membersOf[community[node]].Add(node);

        var usernames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var u = 0; u < table.UserIds.Count; u++) usernames.TryAdd(table.UserIds[u], table.Usernames[u]);
        var nodeOfUser = new int[table.UserIds.Count];
        for (var u = 0; u < nodeOfUser.Length; u++) nodeOfUser[u] = accounts.GetValueOrDefault(table.UserIds[u], -1);

        var strongestKind = StrongestKind(linked, community, membersOf.Length, results.Count);
        var span = CoActionSpans(table, results, nodeOfUser, community, membersOf, options.MinClusterSize);
        var clusters = new List<(int Community, CoordinatedCluster Cluster)>();
        for (var c = 0; c < membersOf.Length; c++)
        {
            if (membersOf[c].Count < options.MinClusterSize) continue;
            var cluster = Describe(c, membersOf[c], community, linked, results, span[c], names, usernames);
            if (cluster.Density >= options.MinDensity) clusters.Add((c, cluster));
        }
        clusters.Sort((x, y) => y.Cluster.TotalWeight != x.Cluster.TotalWeight ? y.Cluster.TotalWeight.CompareTo(x.Cluster.TotalWeight)
            : string.CompareOrdinal(x.Cluster.Members[0].UserId, y.Cluster.Members[0].UserId));
        for (var i = 0; i < clusters.Count; i++) clusters[i] = (clusters[i].Community, clusters[i].Cluster with { Id = i + 1 });
        return new FoundClusters(clusters, table.UserOf, nodeOfUser, community, strongestKind, [.. results.Select(r => r.Matched)],
            options.SampleSize);

        int Intern(string account)
        {
            if (!accounts.TryGetValue(account, out var id))
            {
                id = accounts.Count;
                accounts.Add(account, id);
                names.Add(account);
            }
            return id;
        }
    }

    /// <summary>
    /// Per unordered pair, in ordinal order, the mutual weight min(A→B, B→A) of each result, for the pairs whose weights
    /// sum to at least <paramref name="minPairWeight"/>. The networks' edges are numbered accounts in ordinal order of
    /// their ids (<see cref="PackedEdges"/>), each network's keys ascending: an edge's reverse is a binary search over
    /// numbers. Comparing the ids themselves was most of the clusters stage at 10M posts (40 of 60 s, over co-similar's
    /// 18M edges).
    /// </summary>
    private static List<(string A, string B, long[] PerType, long Total)> MutualPairs(IReadOnlyList<CoordinationResult> results,
        long minPairWeight)
    {
        var (names, networks) = PackedEdges.OnOneNumbering(results.Select(r => r.Edges).ToList());
        var mutualKeys = new List<long>();
        var mutualWeights = new List<long>(); // (result, weight)
        for (var r = 0; r < results.Count; r++)
        {
            var (keys, weights) = (networks[r].Keys, networks[r].Weights);
            for (var i = 0; i < keys.Length; i++)
            {
                var (a, b) = (PackedPair.First(keys[i]), PackedPair.Second(keys[i]));
                if (a > b) continue;
                if (Array.BinarySearch(keys, PackedPair.Of(b, a)) is var back and >= 0)
                {
                    mutualKeys.Add(keys[i]);
                    mutualWeights.Add(PackedPair.Of(r, Math.Min(weights[i], weights[back])));
                }
            }
        }
        // Sorted where they lie: a sorted copy would add their size again to the stage's peak.
        var sortedKeys = CollectionsMarshal.AsSpan(mutualKeys);
        var sortedWeights = CollectionsMarshal.AsSpan(mutualWeights);
        sortedKeys.Sort(sortedWeights);

        var pairs = new List<(string A, string B, long[] PerType, long Total)>();
        for (var i = 0; i < sortedKeys.Length;)
        {
            long total = 0;
            var end = i;
            for (; end < sortedKeys.Length && sortedKeys[end] == sortedKeys[i]; end++) total += PackedPair.Second(sortedWeights[end]);
            if (total >= minPairWeight)
            {
                var perType = new long[results.Count];
                for (var k = i; k < end; k++) perType[PackedPair.First(sortedWeights[k])] = PackedPair.Second(sortedWeights[k]);
                pairs.Add((names[PackedPair.First(sortedKeys[i])], names[PackedPair.Second(sortedKeys[i])], perType, total));
            }
            i = end;
        }
        return pairs;
    }

    private static CoordinatedCluster Describe(int c, List<int> memberNodes, int[] community,
        List<(int A, int B, long Total, long[] PerType)> linked, IReadOnlyList<CoordinationResult> results,
        (double First, double Last) span, List<string> names, Dictionary<string, string> usernames)
    {
        long total = 0;
        var innerPairs = 0;
        var perType = new long[results.Count];
        var pairsPerType = new int[results.Count];
        foreach (var (a, b, weight, typed) in linked)
        {
            if (community[a] != c || community[b] != c) continue;
            total += weight;
            innerPairs++;
            for (var r = 0; r < typed.Length; r++)
            {
                perType[r] += typed[r];
                if (typed[r] > 0) pairsPerType[r]++;
            }
        }
        var kinds = new List<CoActionWeight>();
        for (var r = 0; r < results.Count; r++)
            if (perType[r] > 0) kinds.Add(new CoActionWeight(CoordinationTypes.Name(results[r].Type), perType[r], pairsPerType[r]));
        kinds.Sort((x, y) => y.Weight.CompareTo(x.Weight));

        var members = memberNodes.Select(n => names[n]).Order(StringComparer.Ordinal).ToList();
        var possiblePairs = members.Count * (members.Count - 1) / 2.0;
        return new CoordinatedCluster(0,
            members.Select(id => new ClusterMember(id, usernames.GetValueOrDefault(id, id))).ToList(),
            kinds, total, innerPairs == 0 ? 0 : (double)total / innerPairs, innerPairs / possiblePairs,
            double.IsFinite(span.First) ? span.First : 0, double.IsFinite(span.Last) ? span.Last : 0, []);
    }

    /// <summary>Per community, the result with the largest mutual weight inside it: what the cluster mostly does.</summary>
    private static int[] StrongestKind(List<(int A, int B, long Total, long[] PerType)> linked, int[] community, int communities, int types)
    {
        var weight = new long[communities, types];
        foreach (var (a, b, _, perType) in linked)
        {
            if (community[a] != community[b]) continue;
            for (var r = 0; r < types; r++) weight[community[a], r] += perType[r];
        }
        var strongest = new int[communities];
        for (var c = 0; c < communities; c++)
            for (var r = 1; r < types; r++)
                if (weight[c, r] > weight[c, strongest[c]]) strongest[c] = r;
        return strongest;
    }

    /// <summary>Each community's time span: its members' messages matched in any network.</summary>
    private static (double First, double Last)[] CoActionSpans(MessageTable table, IReadOnlyList<CoordinationResult> results,
        int[] nodeOfUser, int[] community, List<int>[] membersOf, int minClusterSize)
    {
        var span = new (double First, double Last)[membersOf.Length];
        Array.Fill(span, (double.PositiveInfinity, double.NegativeInfinity));
        for (var m = 0; m < table.Count; m++)
        {
            var node = nodeOfUser[table.UserOf[m]];
            if (node < 0) continue;
            var c = community[node];
            if (membersOf[c].Count < minClusterSize || !AnyMatched(results, m)) continue;
            span[c] = (Math.Min(span[c].First, table.Time[m]), Math.Max(span[c].Last, table.Time[m]));
        }
        return span;
    }

    private static bool AnyMatched(IReadOnlyList<CoordinationResult> results, int message)
    {
        foreach (var result in results)
            if (result.Matched[message]) return true;
        return false;
    }
}

/// <summary>
/// Reported clusters, and the sample texts they still need: each cluster shows its most frequent texts among its
/// members' messages matched in its strongest network, so samples show what the cluster does. It holds which messages
/// each network matched, not the networks' edges, so the edges can go while the texts are read.
/// </summary>
/// <param name="matched">Per network, per message: whether another account matched it (<see cref="CoordinationResult.Matched"/>).</param>
internal sealed class FoundClusters(List<(int Community, CoordinatedCluster Cluster)> clusters, int[] userOf, int[] nodeOfUser,
    int[] community, int[] strongestKind, bool[][] matched, int sampleSize)
{
    /// <summary>The clusters without their sample texts: what the bot features and the attribution of reach need.</summary>
    public IReadOnlyList<CoordinatedCluster> Unsampled { get; } = [.. clusters.Select(c => c.Cluster)];

    private readonly Dictionary<int, Dictionary<string, int>> _texts =
        clusters.ToDictionary(c => c.Community, _ => new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>The last message whose text a sample needs, or -1: a pass over the messages can stop after it.</summary>
    public int LastWanted
    {
        get
        {
            for (var m = userOf.Length - 1; m >= 0; m--)
                if (WantsText(m)) return m;
            return -1;
        }
    }

    public bool WantsText(int message)
    {
        var node = nodeOfUser[userOf[message]];
        if (node < 0) return false;
        var c = community[node];
        return _texts.ContainsKey(c) && matched[strongestKind[c]][message];
    }

    public void AddText(int message, string text, string? repostId)
    {
        var counts = _texts[community[nodeOfUser[userOf[message]]]];
        var sample = text.Length > 0 ? text : $"[repost of {repostId}]";
        counts[sample] = counts.GetValueOrDefault(sample) + 1;
    }

    public IReadOnlyList<CoordinatedCluster> Clusters()
    {
        var sampled = new List<CoordinatedCluster>(clusters.Count);
        foreach (var (c, cluster) in clusters)
        {
            var samples = _texts[c].OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Take(sampleSize).Select(t => t.Key).ToList();
            sampled.Add(cluster with { SampleContent = samples });
        }
        return sampled;
    }
}
