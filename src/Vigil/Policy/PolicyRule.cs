using Vigil.Model;

namespace Vigil.Policy;

/// <summary>
/// One compiled rule: its conditions as bit masks and bounds, so matching a post is a handful of integer compares with
/// no allocation. A condition the YAML leaves out matches everything (all mask bits set, bounds at their extremes).
/// </summary>
public sealed class PolicyRule
{
    public required string Id { get; init; }
    /// <summary>1-based line of the rule in the policy file, for messages that point back at the source.</summary>
    public int Line { get; init; }
    public string Description { get; init; } = "";

    internal ulong ConsensusMask { get; init; } = ulong.MaxValue;
    internal ulong CodeMask { get; init; } = ulong.MaxValue;
    internal ulong ExplicitnessMask { get; init; } = ulong.MaxValue;
    internal ulong TargetMask { get; init; } = ulong.MaxValue;
    internal ulong StandingMask { get; init; } = ulong.MaxValue;
    internal double MinScore { get; init; }
    internal double MinConfidence { get; init; }
    internal double MinBotScore { get; init; }
    internal long MinReach { get; init; }
    internal int MinAuthorStrikes { get; init; }
    internal bool? InCluster { get; init; }
    internal bool? Unlawful { get; init; }
    internal string[]? Languages { get; init; }
    internal string[]? Jurisdictions { get; init; }

    /// <summary>What the engine puts into effect at once.</summary>
    public ContentActions Actions { get; init; }
    /// <summary>What the engine can only propose: queued for a human reviewer, effective only on approval.</summary>
    public ContentActions Proposed { get; init; }
    public AccountAction AccountAction { get; init; }
    /// <summary>Whether an effective decision under this rule counts a strike against the author.</summary>
    public bool Strike { get; init; }

    /// <summary>Rules that act on the author (bot labels) are matched separately from rules that act on the post.</summary>
    public bool ActsOnAccount => AccountAction != AccountAction.None;

    internal bool Matches(PolicyInput input, AuthorStanding standing, int activeStrikes, bool unlawful)
    {
        var label = input.Assessment.Label;
        if ((ConsensusMask & Bit((int)label.Consensus)) == 0) return false;
        if ((CodeMask & Bit((int)label.Code)) == 0) return false;
        if ((ExplicitnessMask & Bit((int)label.Explicitness)) == 0) return false;
        if ((TargetMask & Bit((int)label.Target)) == 0) return false;
        if ((StandingMask & Bit((int)standing)) == 0) return false;
        if (input.Score < MinScore || input.Assessment.CodeConfidence < MinConfidence) return false;
        if (input.BotScore < MinBotScore || input.Reach < MinReach || activeStrikes < MinAuthorStrikes) return false;
        if (InCluster is { } inCluster && inCluster != (input.ClusterId is not null)) return false;
        if (Unlawful is { } wantUnlawful && wantUnlawful != unlawful) return false;
        if (Languages is not null && !Contains(Languages, input.Assessment.Language)) return false;
        if (Jurisdictions is not null && (input.Jurisdiction is null || !Contains(Jurisdictions, input.Jurisdiction)))
            return false;
        return true;
    }

    internal static ulong Bit(int ordinal) => 1UL << ordinal;

    private static bool Contains(string[] values, string value)
    {
        foreach (var candidate in values)
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}

/// <summary>A statute under which content with a given code is unlawful in one country.</summary>
public sealed record LegalGround(string Country, string Statute, bool ToVerify);

/// <summary>From <see cref="Strikes"/> active strikes on, the account gets <see cref="Action"/> for <see cref="Days"/> (null = until restored).</summary>
public sealed record StrikeThreshold(int Strikes, AccountAction Action, int? Days);

/// <summary>The rules that matched one input: at most one acting on the post and one acting on its author.</summary>
public readonly record struct PolicyVerdict(PolicyRule? ContentRule, PolicyRule? AccountRule, bool Unlawful);
