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
        results = results.Where(r => r.Type != CoordinationType.CoPost).ToList();
        foreach (var result in results)
            if (result.Matched.Length != messages.Count)
                throw new ArgumentException($"the {CoordinationTypes.Name(result.Type)} result was computed from a different message list", nameof(results));

        var pairs = MutualPairs(results);
        var accounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var graphEdges = new List<(int A, int B, double Weight)>();
        var linked = new List<(int A, int B, long Total, long[] PerType)>();
        foreach (var (pair, perType) in pairs)
        {
            long total = 0;
            foreach (var w in perType) total += w;
            if (total < options.MinPairWeight) continue;
            var a = Intern(pair.A);
            var b = Intern(pair.B);
            graphEdges.Add((a, b, total));
            linked.Add((a, b, total, perType));
        }
        var community = Louvain.Communities(names.Count, graphEdges, options.Resolution, options.Seed);

        var membersOf = new List<int>[names.Count == 0 ? 0 : community.Max() + 1];
        for (var i = 0; i < membersOf.Length; i++) membersOf[i] = [];
        for (var node = 0; node < names.Count; node++) membersOf[community[node]].Add(node);

        var usernames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages) usernames.TryAdd(message.UserId, message.Username);

        var strongestKind = StrongestKind(linked, community, membersOf.Length, results.Count);
        var activity = MemberActivity(messages, results, accounts, community, membersOf, strongestKind, options.MinClusterSize);
        var clusters = new List<CoordinatedCluster>();
        for (var c = 0; c < membersOf.Length; c++)
        {
            if (membersOf[c].Count < options.MinClusterSize) continue;
            var cluster = Describe(c, membersOf[c], community, linked, results, activity[c], names, usernames, options);
            if (cluster.Density >= options.MinDensity) clusters.Add(cluster);
        }
        clusters.Sort((x, y) => y.TotalWeight != x.TotalWeight ? y.TotalWeight.CompareTo(x.TotalWeight)
            : string.CompareOrdinal(x.Members[0].UserId, y.Members[0].UserId));
        for (var i = 0; i < clusters.Count; i++) clusters[i] = clusters[i] with { Id = i + 1 };
        return clusters;

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

    /// <summary>Per unordered pair (ordinal order), the mutual weight min(A→B, B→A) of each result.</summary>
    private static SortedDictionary<(string A, string B), long[]> MutualPairs(IReadOnlyList<CoordinationResult> results)
    {
        var pairs = new SortedDictionary<(string A, string B), long[]>(Comparer<(string A, string B)>.Create(static (x, y) =>
        {
            var c = string.CompareOrdinal(x.A, y.A);
            return c != 0 ? c : string.CompareOrdinal(x.B, y.B);
        }));
        for (var r = 0; r < results.Count; r++)
        {
            var directed = new Dictionary<(string, string), int>();
            foreach (var edge in results[r].Edges) directed[(edge.User1, edge.User2)] = edge.Weight;
            foreach (var edge in results[r].Edges)
            {
                if (string.CompareOrdinal(edge.User1, edge.User2) > 0) continue;
                if (!directed.TryGetValue((edge.User2, edge.User1), out var back)) continue;
                if (!pairs.TryGetValue((edge.User1, edge.User2), out var perType))
                    pairs.Add((edge.User1, edge.User2), perType = new long[results.Count]);
                perType[r] = Math.Min(edge.Weight, back);
            }
        }
        return pairs;
    }

    private static CoordinatedCluster Describe(int c, List<int> memberNodes, int[] community,
        List<(int A, int B, long Total, long[] PerType)> linked, IReadOnlyList<CoordinationResult> results,
        Activity activity, List<string> names, Dictionary<string, string> usernames, ClusterOptions options)
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
        var samples = activity.Texts.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(options.SampleSize).Select(t => t.Key).ToList();
        var possiblePairs = members.Count * (members.Count - 1) / 2.0;
        return new CoordinatedCluster(0,
            members.Select(id => new ClusterMember(id, usernames.GetValueOrDefault(id, id))).ToList(),
            kinds, total, innerPairs == 0 ? 0 : (double)total / innerPairs, innerPairs / possiblePairs,
            double.IsFinite(activity.First) ? activity.First : 0, double.IsFinite(activity.Last) ? activity.Last : 0, samples);
    }

    private sealed class Activity
    {
        public double First = double.PositiveInfinity, Last = double.NegativeInfinity;
        public readonly Dictionary<string, int> Texts = new(StringComparer.Ordinal);
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

    /// <summary>
    /// One pass over the messages: each reported cluster's time span (members' messages matched in any network) and
    /// text counts (members' messages matched in its strongest network, so samples show what the cluster does).
    /// </summary>
    private static Activity[] MemberActivity(IReadOnlyList<CoordinationMessage> messages, IReadOnlyList<CoordinationResult> results,
        Dictionary<string, int> accounts, int[] community, List<int>[] membersOf, int[] strongestKind, int minClusterSize)
    {
        var activity = new Activity[membersOf.Length];
        for (var c = 0; c < activity.Length; c++) activity[c] = new Activity();
        for (var m = 0; m < messages.Count; m++)
        {
            if (!accounts.TryGetValue(messages[m].UserId, out var node)) continue;
            var c = community[node];
            if (membersOf[c].Count < minClusterSize || !AnyMatched(results, m)) continue;
            var cluster = activity[c];
            cluster.First = Math.Min(cluster.First, messages[m].Timestamp);
            cluster.Last = Math.Max(cluster.Last, messages[m].Timestamp);
            if (!results[strongestKind[c]].Matched[m]) continue;
            var text = messages[m].Text.Length > 0 ? messages[m].Text : $"[repost of {messages[m].RepostId}]";
            cluster.Texts[text] = cluster.Texts.GetValueOrDefault(text) + 1;
        }
        return activity;
    }

    private static bool AnyMatched(IReadOnlyList<CoordinationResult> results, int message)
    {
        foreach (var result in results)
            if (result.Matched[message]) return true;
        return false;
    }
}
