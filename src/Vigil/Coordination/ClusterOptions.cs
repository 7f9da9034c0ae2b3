namespace Vigil.Coordination;

/// <summary>How co-action networks are turned into clusters of coordinated accounts.</summary>
public sealed record ClusterOptions
{
    /// <summary>
    /// A pair of accounts is linked when the sum over co-action types of their mutual weight (the smaller of A→B and
    /// B→A) reaches this. Mutual weight keeps a prolific account from linking to everyone who posted once near it.
    /// </summary>
    public int MinPairWeight { get; init; } = 4;

    /// <summary>Communities smaller than this are not reported.</summary>
    public int MinClusterSize { get; init; } = 3;

    /// <summary>
    /// Communities whose linked pairs are fewer than this share of all member pairs are not reported: accounts that
    /// act together are linked nearly pairwise, while organic pile-ons on viral posts form sparse hub-and-spoke groups.
    /// </summary>
    public double MinDensity { get; init; } = 0.5;

    /// <summary>Louvain resolution: above 1 favours smaller communities.</summary>
    public double Resolution { get; init; } = 1.0;

    /// <summary>Seeds the order in which Louvain visits nodes; same seed, same clusters.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How many distinct message texts to show per cluster.</summary>
    public int SampleSize { get; init; } = 3;
}

public sealed record ClusterMember(string UserId, string Username);

/// <summary>One kind of co-action inside a cluster: total mutual weight over the cluster's linked pairs.</summary>
public sealed record CoActionWeight(string Kind, long Weight, int Pairs);

/// <summary>
/// A group of coordinated accounts. <see cref="TotalWeight"/> sums the mutual weights of the linked pairs inside it,
/// <see cref="MeanWeight"/> divides by those pairs, <see cref="Density"/> is linked pairs over possible pairs.
/// <see cref="FirstCoAction"/>/<see cref="LastCoAction"/> (Unix seconds) bound the members' messages that matched
/// another account's.
/// </summary>
public sealed record CoordinatedCluster(
    int Id,
    IReadOnlyList<ClusterMember> Members,
    IReadOnlyList<CoActionWeight> Kinds,
    long TotalWeight,
    double MeanWeight,
    double Density,
    double FirstCoAction,
    double LastCoAction,
    IReadOnlyList<string> SampleContent);
