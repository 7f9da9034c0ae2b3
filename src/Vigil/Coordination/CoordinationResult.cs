using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

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

/// <summary>
/// What an analysis keeps of a network once its stages have used it: the edges themselves (tens of millions at 10M
/// posts) are let go, and a SHA-256 over them in order says whether two runs or two stores found the same network.
/// </summary>
public sealed record CoordinationSummary(CoordinationType Type, int Edges, int MessagesConsidered, string EdgeDigest)
{
    public static CoordinationSummary Of(CoordinationResult network)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        foreach (var edge in network.Edges)
        {
            // Each id ends in a zero byte, which no id holds, so ("ab", "c") and ("a", "bc") hash apart.
            Encoding.UTF8.GetBytes(edge.User1, buffer);
            buffer.Write([(byte)0]);
            Encoding.UTF8.GetBytes(edge.User2, buffer);
            buffer.Write([(byte)0]);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(sizeof(int)), edge.Weight);
            buffer.Advance(sizeof(int));
            if (buffer.WrittenCount < (1 << 16) - 1024) continue;
            sha.AppendData(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
        }
        sha.AppendData(buffer.WrittenSpan);
        return new CoordinationSummary(network.Type, network.Edges.Count, network.MessagesConsidered, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
