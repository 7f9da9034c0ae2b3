using System.Collections;

namespace Vigil.Coordination;

/// <summary>
/// A network's edges as numbers: accounts ranked in ordinal order of their ids, each edge a packed (rank 1, rank 2) key
/// in ascending order with its weight beside it, read as <see cref="CoordinationEdge"/> values on demand. Twelve bytes an
/// edge where the values took 24 (co-similar has 18M edges at 10M posts), and the networks of one message table share
/// one array of names, so the stages that combine networks (clusters, the bot features) work on numbers throughout.
/// </summary>
internal sealed class PackedEdges : IReadOnlyList<CoordinationEdge>
{
    private PackedEdges(string[] accounts, long[] keys, int[] weights)
    {
        Accounts = accounts;
        Keys = keys;
        Weights = weights;
    }

    /// <summary>Account ids in ordinal order; an edge's ranks index this array.</summary>
    public string[] Accounts { get; }
    /// <summary>Per edge <see cref="PackedPair.Of"/>(rank of user 1, rank of user 2), ascending: the edges' ordinal order.</summary>
    public long[] Keys { get; }
    public int[] Weights { get; }

    public int Count => Keys.Length;

    public CoordinationEdge this[int index] =>
        new(Accounts[PackedPair.First(Keys[index])], Accounts[PackedPair.Second(Keys[index])], Weights[index]);

    public IEnumerator<CoordinationEdge> GetEnumerator()
    {
        for (var i = 0; i < Keys.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Edges counted between a table's accounts (<paramref name="keys"/> pack the table's account numbers), renumbered
    /// in place to the ordinal ranks of <paramref name="ranks"/> and sorted.
    /// </summary>
    public static PackedEdges Ranked(long[] keys, int[] weights, AccountRanks ranks)
    {
        for (var i = 0; i < keys.Length; i++)
            keys[i] = PackedPair.Of(ranks.RankOf[PackedPair.First(keys[i])], ranks.RankOf[PackedPair.Second(keys[i])]);
        Array.Sort(keys, weights);
        return new PackedEdges(ranks.ByRank, keys, weights);
    }

    /// <summary>
    /// Several networks on one numbering: the union of their accounts in ordinal order. Networks of one message table
    /// already share theirs and come back as they are; others (networks built apart, or edges listed by hand) are
    /// numbered again over the union.
    /// </summary>
    public static (string[] Accounts, PackedEdges[] Networks) OnOneNumbering(IReadOnlyList<IReadOnlyList<CoordinationEdge>> networks)
    {
        var packed = networks.Select(Of).ToArray();
        if (packed.Length == 0) return ([], []);
        if (packed.All(p => ReferenceEquals(p.Accounts, packed[0].Accounts))) return (packed[0].Accounts, packed);

        var union = packed.SelectMany(p => p.Accounts).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return (union, packed.Select(p => Numbered(union, p)).ToArray());
    }

    private static PackedEdges Of(IReadOnlyList<CoordinationEdge> edges) => edges as PackedEdges
        ?? Numbered(edges.SelectMany(e => new[] { e.User1, e.User2 }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), edges);

    /// <summary>The edges with their accounts numbered by position in <paramref name="accounts"/> (in ordinal order), sorted.</summary>
    private static PackedEdges Numbered(string[] accounts, IReadOnlyList<CoordinationEdge> edges)
    {
        var number = new Dictionary<string, int>(accounts.Length, StringComparer.Ordinal);
        for (var n = 0; n < accounts.Length; n++) number[accounts[n]] = n;
        var keys = new long[edges.Count];
        var weights = new int[edges.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var edge = edges[i];
            (keys[i], weights[i]) = (PackedPair.Of(number[edge.User1], number[edge.User2]), edge.Weight);
        }
        Array.Sort(keys, weights);
        return new PackedEdges(accounts, keys, weights);
    }
}

/// <summary>Accounts numbered in a table's order, ranked in the ordinal order of their ids.</summary>
internal sealed class AccountRanks
{
    private AccountRanks(string[] byRank, int[] rankOf)
    {
        ByRank = byRank;
        RankOf = rankOf;
    }

    /// <summary>The ids in ordinal order.</summary>
    public string[] ByRank { get; }
    /// <summary>Per account number, its rank.</summary>
    public int[] RankOf { get; }

    public static AccountRanks Of(IReadOnlyList<string> ids)
    {
        var byRank = ids.ToArray();
        var numberAtRank = new int[byRank.Length];
        for (var n = 0; n < numberAtRank.Length; n++) numberAtRank[n] = n;
        Array.Sort(byRank, numberAtRank, StringComparer.Ordinal);
        var rankOf = new int[byRank.Length];
        for (var r = 0; r < numberAtRank.Length; r++) rankOf[numberAtRank[r]] = r;
        return new AccountRanks(byRank, rankOf);
    }
}
