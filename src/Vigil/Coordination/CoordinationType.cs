namespace Vigil.Coordination;

/// <summary>The kinds of co-action, named as on the command line (<c>co-retweet</c>, ...).</summary>
public enum CoordinationType
{
    /// <summary>Reposts of the same post.</summary>
    CoRetweet,
    /// <summary>Identical text after lower-casing, removing @mentions and collapsing whitespace (reposts excluded).</summary>
    CoTweet,
    /// <summary>Near-duplicate text: Jaccard similarity of word-token sets at or above a threshold (reposts excluded).</summary>
    CoSimilar,
    /// <summary>The same URL (URLs inside reposts excluded).</summary>
    CoLink,
    /// <summary>Replies to the same post (reposts excluded).</summary>
    CoReply,
    /// <summary>Any two messages, reposts included: a null model giving the largest weight two accounts can reach.</summary>
    CoPost,
}

public static class CoordinationTypes
{
    public static IReadOnlyList<CoordinationType> All { get; } = Enum.GetValues<CoordinationType>();

    public static string Name(CoordinationType type) => type switch
    {
        CoordinationType.CoRetweet => "co-retweet",
        CoordinationType.CoTweet => "co-tweet",
        CoordinationType.CoSimilar => "co-similar",
        CoordinationType.CoLink => "co-link",
        CoordinationType.CoReply => "co-reply",
        CoordinationType.CoPost => "co-post",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string name, out CoordinationType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
