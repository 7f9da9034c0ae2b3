namespace Vigil.Amplification;

/// <summary>
/// The attribution's input by dense index instead of by id: posts 0..n-1 and accounts 0..m-1 in plain arrays, and the
/// acts of reposting in the order they were read. The list input (<see cref="AmplificationInput"/>) and a platform
/// streamed from a store both become one, so millions of posts cost a few numbers each rather than objects and strings.
/// </summary>
internal sealed class AmplificationFrame
{
    /// <summary><see cref="RepostOf"/> of an original post.</summary>
    public const int Original = -1;
    /// <summary><see cref="RepostOf"/> (and an act's post) when the reposted post is not in the input.</summary>
    public const int Missing = -2;

    /// <summary>Account index of each post's author.</summary>
    public required int[] Author { get; init; }
    public required long[] Views { get; init; }
    /// <summary>Creation time of each post, Unix milliseconds.</summary>
    public required long[] CreatedMs { get; init; }
    /// <summary>Index of the post each post reposts, <see cref="Original"/> or <see cref="Missing"/>.</summary>
    public required int[] RepostOf { get; init; }
    /// <summary>Category of each original post.</summary>
    public required PostCategory[] Category { get; init; }
    /// <summary>Followers of each account (0 when unknown).</summary>
    public required long[] Followers { get; init; }
    /// <summary>Bot score of each account; NaN when it has none.</summary>
    public required double[] BotScore { get; init; }
    /// <summary>Whether each account sits in a coordinated cluster.</summary>
    public required bool[] Clustered { get; init; }
    /// <summary>Reposting acts in the order they were read: the reposted post (or <see cref="Missing"/>) and the account.</summary>
    public required int[] ActPost { get; init; }
    public required int[] ActAccount { get; init; }
    /// <summary>The original posts in the order the report lists them (by post id).</summary>
    public required int[] Originals { get; init; }
    public required Func<int, string> PostId { get; init; }
    public required Func<int, string> AccountId { get; init; }
}
