using System.Reflection;
using System.Text;
using Vigil.Model;
using Vigil.Text;

namespace Vigil.Policy;

/// <summary>
/// A loaded, validated and compiled policy. Rules are matched in file order and the first match wins, separately for
/// rules acting on the post and rules acting on the account (so a bot's hateful post gets both a content decision and
/// an automated-account label). First match keeps every decision explainable by exactly one rule.
/// </summary>
public sealed class EnforcementPolicy
{
    private readonly PolicyRule[] _contentRules;
    private readonly PolicyRule[] _accountRules;
    private readonly int[] _severityByCode;
    private readonly LegalGround[][] _unlawfulByCode;

    internal EnforcementPolicy(string version, string source, IReadOnlyList<PolicyRule> rules, int[] severityByCode,
        LegalGround[][] unlawfulByCode, int strikeExpiryDays, IReadOnlyList<StrikeThreshold> thresholds,
        int appealWindowDays, string termsUrl)
    {
        Version = version;
        Source = source;
        Rules = rules;
        _contentRules = rules.Where(r => !r.ActsOnAccount).ToArray();
        _accountRules = rules.Where(r => r.ActsOnAccount).ToArray();
        _severityByCode = severityByCode;
        _unlawfulByCode = unlawfulByCode;
        StrikeExpiryDays = strikeExpiryDays;
        StrikeThresholds = thresholds;
        AppealWindowDays = appealWindowDays;
        TermsUrl = termsUrl;
    }

    /// <summary>Cited by every decision; change it whenever a rule changes so new decisions are told apart.</summary>
    public string Version { get; }
    public string Source { get; }
    public IReadOnlyList<PolicyRule> Rules { get; }
    public int StrikeExpiryDays { get; }
    /// <summary>Ascending by strike count.</summary>
    public IReadOnlyList<StrikeThreshold> StrikeThresholds { get; }
    public int AppealWindowDays { get; }
    /// <summary>The terms of service clause cited as ground for decisions that are not about unlawful content.</summary>
    public string TermsUrl { get; }

    public static EnforcementPolicy Default { get; } = LoadEmbedded();

    internal int Severity(ContentCode code) => _severityByCode[(int)code];

    public IReadOnlyList<LegalGround> UnlawfulIn(ContentCode code) => _unlawfulByCode[(int)code];

    internal PolicyRule? FindRule(string id)
    {
        foreach (var rule in Rules)
            if (rule.Id == id) return rule;
        return null;
    }

    /// <summary>Matches one input. Allocation-free.</summary>
    public PolicyVerdict Evaluate(PolicyInput input, AuthorStanding standing, int activeStrikes) =>
        Verdict(input, standing, activeStrikes, IsUnlawful(input));

    /// <summary>
    /// The same verdict, asking <paramref name="authorRecord"/> for the author's standing and active strikes only when a
    /// rule matches everything else about the input: most posts match no rule whatever their author's record, and
    /// looking authors up was most of what weighing a whole platform's posts cost (the hot loop of <c>vigil analyze</c>).
    /// </summary>
    public PolicyVerdict Evaluate(PolicyInput input, Func<PolicyInput, (AuthorStanding Standing, int ActiveStrikes)> authorRecord)
    {
        var unlawful = IsUnlawful(input);
        if (!AnyMatchesPost(_contentRules, input, unlawful) && !AnyMatchesPost(_accountRules, input, unlawful))
            return new PolicyVerdict(null, null, unlawful);
        var (standing, activeStrikes) = authorRecord(input);
        return Verdict(input, standing, activeStrikes, unlawful);
    }

    private PolicyVerdict Verdict(PolicyInput input, AuthorStanding standing, int activeStrikes, bool unlawful) =>
        new(FirstMatch(_contentRules, input, standing, activeStrikes, unlawful),
            FirstMatch(_accountRules, input, standing, activeStrikes, unlawful), unlawful);

    private static bool AnyMatchesPost(PolicyRule[] rules, PolicyInput input, bool unlawful)
    {
        foreach (var rule in rules)
            if (rule.When.MatchesPost(input, unlawful)) return true;
        return false;
    }

    /// <summary>Unlawful for this viewer's jurisdiction, or anywhere the policy lists when no viewer is given.</summary>
    internal bool IsUnlawful(PolicyInput input)
    {
        var grounds = _unlawfulByCode[(int)input.Assessment.Label.Code];
        if (grounds.Length == 0) return false;
        if (input.Jurisdiction is null) return true;
        foreach (var ground in grounds)
            if (string.Equals(ground.Country, input.Jurisdiction, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static PolicyRule? FirstMatch(PolicyRule[] rules, PolicyInput input, AuthorStanding standing, int strikes,
        bool unlawful)
    {
        foreach (var rule in rules)
            if (rule.Matches(input, standing, strikes, unlawful)) return rule;
        return null;
    }

    public static EnforcementPolicy Load(string path)
    {
        using var reader = Utf8Input.OpenText(path);
        return PolicyLoader.Parse(reader, path);
    }

    private static EnforcementPolicy LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Vigil.Policy.default.yaml")
            ?? throw new InvalidOperationException("The default policy is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return PolicyLoader.Parse(reader, "policies/default.yaml");
    }
}
