namespace Vigil.Coordination;

/// <summary>A directed edge: <see cref="Weight"/> of <see cref="User1"/>'s messages have a match by <see cref="User2"/>.</summary>
public readonly record struct CoordinationEdge(string User1, string User2, int Weight);

/// <summary>
/// One coordination network. Edges are sorted by (user 1, user 2), ordinal, without self-loops and without edges
/// under the minimum weight.
/// </summary>
public sealed record CoordinationResult(
    CoordinationType Type,
    CoordinationOptions Options,
    IReadOnlyList<CoordinationEdge> Edges,
    int MessagesConsidered)
{
    /// <summary>
    /// Message i of the input had a match by another account (whatever the final edge weight); clusters draw their
    /// time span and sample content from these.
    /// </summary>
    internal bool[] Matched { get; init; } = [];
}
