namespace Vigil.Policy;

/// <summary>
/// The content rungs of the action ladder, mildest first. A decision can combine several (label + demote + limit
/// replies), so this is a flag set; the bit order is the ladder order, so the highest set bit is the rung reached.
/// </summary>
[Flags]
public enum ContentActions
{
    None = 0,
    Label = 1,
    Interstitial = 2,
    Demote = 4,
    ExcludeFromRecommendations = 8,
    LimitReplies = 16,
    GeoRestrict = 32,
    Remove = 64,
}

/// <summary>Actions on the author's account rather than one post.</summary>
public enum AccountAction
{
    None,
    LabelAutomated,
    /// <summary>Can read and appeal, cannot post, for a period.</summary>
    ReadOnly,
    Suspend,
}

/// <summary>Groupings of the ladder that the rules of the engine are written against.</summary>
public static class Ladder
{
    /// <summary>Actions only a human reviewer can put into effect; the engine can only propose them.</summary>
    public const ContentActions HumanOnly = ContentActions.GeoRestrict | ContentActions.Remove;

    /// <summary>Everything that takes away audience: contested and exempt speech must never get any of these.</summary>
    public const ContentActions ReachReducing = ContentActions.Demote | ContentActions.ExcludeFromRecommendations |
                                                ContentActions.LimitReplies | HumanOnly;

    private static readonly (ContentActions Action, string Name)[] Names =
    [
        (ContentActions.Label, "label"),
        (ContentActions.Interstitial, "interstitial"),
        (ContentActions.Demote, "demote"),
        (ContentActions.ExcludeFromRecommendations, "exclude-from-recommendations"),
        (ContentActions.LimitReplies, "limit-replies"),
        (ContentActions.GeoRestrict, "geo-restrict"),
        (ContentActions.Remove, "remove"),
    ];

    // Every combination of the seven rungs, spelt once: formatting runs for each decision the engine writes.
    private static readonly string[] Formatted = BuildFormatted();

    public static IReadOnlyList<(ContentActions Action, string Name)> Rungs => Names;

    /// <summary>Comma-separated kebab-case names in ladder order ("" for none): the spelling in the log and exports.</summary>
    public static string Format(ContentActions actions) => Formatted[(int)actions & (Formatted.Length - 1)];

    private static string[] BuildFormatted()
    {
        var formatted = new string[1 << Names.Length];
        for (var bits = 0; bits < formatted.Length; bits++)
        {
            var parts = new List<string>(Names.Length);
            foreach (var (action, name) in Names)
                if ((bits & (int)action) != 0) parts.Add(name);
            formatted[bits] = string.Join(',', parts);
        }
        return formatted;
    }

    internal static bool TryParseOne(string name, out ContentActions action)
    {
        foreach (var (candidate, candidateName) in Names)
        {
            if (candidateName != name) continue;
            action = candidate;
            return true;
        }
        action = ContentActions.None;
        return false;
    }

    internal static ContentActions Parse(string? formatted)
    {
        if (string.IsNullOrEmpty(formatted)) return ContentActions.None;
        var result = ContentActions.None;
        foreach (var name in formatted.Split(','))
        {
            if (!TryParseOne(name, out var action))
                throw new FormatException($"'{name}' is not a rung of the action ladder.");
            result |= action;
        }
        return result;
    }

    /// <summary>The most severe rung in the set, for reporting "actions by rung".</summary>
    internal static ContentActions Highest(ContentActions actions)
    {
        if (actions == ContentActions.None) return ContentActions.None;
        var bits = (int)actions;
        return (ContentActions)(1 << (31 - int.LeadingZeroCount(bits)));
    }
}
