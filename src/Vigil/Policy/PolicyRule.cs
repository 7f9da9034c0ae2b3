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

    /// <summary>The rule's <c>when:</c> block, compiled; a rule without one matches every input.</summary>
    internal RuleConditions When { get; init; } = RuleConditions.Always;

    /// <summary>What the engine puts into effect at once.</summary>
    public ContentActions Actions { get; init; }
    /// <summary>What the engine can only propose: queued for a human reviewer, effective only on approval.</summary>
    public ContentActions Proposed { get; init; }
    public AccountAction AccountAction { get; init; }
    /// <summary>Whether an effective decision under this rule counts a strike against the author.</summary>
    public bool Strike { get; init; }

    /// <summary>Rules that act on the author (bot labels) are matched separately from rules that act on the post.</summary>
    public bool ActsOnAccount => AccountAction != AccountAction.None;

    internal static ulong Bit(int ordinal) => 1UL << ordinal;

    internal bool Matches(PolicyInput input, AuthorStanding standing, int activeStrikes, bool unlawful) =>
        When.Matches(input, standing, activeStrikes, unlawful);
}

/// <summary>
/// A rule's conditions as bit masks over the taxonomy's enums and plain thresholds, so matching one input is a handful of
/// integer tests: no reflection, no allocation, no LINQ (policy evaluation runs once per assessed post).
/// </summary>
internal sealed record RuleConditions
{
    public static RuleConditions Always { get; } = new();

    public ulong ConsensusMask { get; init; } = ulong.MaxValue;
    public ulong CodeMask { get; init; } = ulong.MaxValue;
    public ulong ExplicitnessMask { get; init; } = ulong.MaxValue;
    public ulong TargetMask { get; init; } = ulong.MaxValue;
    public ulong StandingMask { get; init; } = ulong.MaxValue;
    public double MinScore { get; init; }
    public double MinConfidence { get; init; }
    public double MinBotScore { get; init; }
    public long MinReach { get; init; }
    public int MinAuthorStrikes { get; init; }
    public bool? InCluster { get; init; }
    public bool? Unlawful { get; init; }
    public string[]? Languages { get; init; }
    public string[]? Jurisdictions { get; init; }

    public bool Matches(PolicyInput input, AuthorStanding standing, int activeStrikes, bool unlawful) =>
        MatchesPost(input, unlawful) && (StandingMask & PolicyRule.Bit((int)standing)) != 0 && activeStrikes >= MinAuthorStrikes;

    /// <summary>Every condition but the author's standing and active strikes.</summary>
    public bool MatchesPost(PolicyInput input, bool unlawful)
    {
        var label = input.Assessment.Label;
        if ((ConsensusMask & PolicyRule.Bit((int)label.Consensus)) == 0) return false;
        if ((CodeMask & PolicyRule.Bit((int)label.Code)) == 0) return false;
        if ((ExplicitnessMask & PolicyRule.Bit((int)label.Explicitness)) == 0) return false;
        if ((TargetMask & PolicyRule.Bit((int)label.Target)) == 0) return false;
        if (input.Score < MinScore || input.Assessment.CodeConfidence < MinConfidence) return false;
        if (input.BotScore < MinBotScore || input.Reach < MinReach) return false;
        if (InCluster is { } inCluster && inCluster != (input.ClusterId is not null)) return false;
        if (Unlawful is { } wantUnlawful && wantUnlawful != unlawful) return false;
        if (Languages is not null && !Contains(Languages, input.Assessment.Language)) return false;
        if (Jurisdictions is not null && (input.Jurisdiction is null || !Contains(Jurisdictions, input.Jurisdiction)))
            return false;
        return true;
    }

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
