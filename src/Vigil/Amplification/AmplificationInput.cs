using Vigil.Model;

namespace Vigil.Amplification;

/// <summary>What the content stage concluded about a post. Antisemitic posts are hateful too; either flag suffices.</summary>
public readonly record struct PostFlags(bool Hateful, bool Antisemitic)
{
    public PostCategory Category => Antisemitic ? PostCategory.Antisemitic : Hateful ? PostCategory.OtherHate : PostCategory.Other;
}

/// <summary>Mutually exclusive post categories for the weekly split: antisemitic first, then any other hate, then the rest.</summary>
public enum PostCategory
{
    Antisemitic,
    OtherHate,
    Other,
}

/// <summary>
/// Everything attribution needs. Reposts may arrive as repost posts (<see cref="Post.RepostOfId"/>), as
/// <see cref="InteractionKind.Repost"/> interactions, or both: an account reposting a post counts once either way.
/// Follower counts drive view attribution; an account without one counts as having no followers.
/// Posts without flags, and accounts without a score, count as not flagged and not high-bot-score.
/// </summary>
public sealed record AmplificationInput
{
    public required IReadOnlyList<Post> Posts { get; init; }
    public IReadOnlyList<Interaction> Interactions { get; init; } = [];
    /// <summary>Follower count per account id, as of the export.</summary>
    public IReadOnlyDictionary<string, long> Followers { get; init; } = new Dictionary<string, long>();
    /// <summary>Bot probability per account id.</summary>
    public IReadOnlyDictionary<string, double> BotScores { get; init; } = new Dictionary<string, double>();
    /// <summary>Coordinated clusters, each a set of account ids; an account may sit in several.</summary>
    public IReadOnlyList<IReadOnlySet<string>> Clusters { get; init; } = [];
    public IReadOnlyDictionary<string, PostFlags> Flags { get; init; } = new Dictionary<string, PostFlags>();
}
