using Vigil.Tests.Policy;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Enforcement;
using Vigil.Exports;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Exports;

/// <summary>
/// Checks exported statements against the Statement of Reasons API v2 rules as the moderation-conventions reference
/// (§4.2, §4.3) lists them: required fields, enumerations, conditional fields, limits and batch size.
/// </summary>
public sealed partial class DsaSchemaTests
{
    private static readonly HashSet<string> Visibility =
    [
        "DECISION_VISIBILITY_CONTENT_REMOVED", "DECISION_VISIBILITY_CONTENT_DISABLED", "DECISION_VISIBILITY_CONTENT_DEMOTED",
        "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED", "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
        "DECISION_VISIBILITY_CONTENT_LABELLED", "DECISION_VISIBILITY_OTHER",
    ];
    private static readonly HashSet<string> Provision =
    [
        "DECISION_PROVISION_PARTIAL_SUSPENSION", "DECISION_PROVISION_TOTAL_SUSPENSION",
        "DECISION_PROVISION_PARTIAL_TERMINATION", "DECISION_PROVISION_TOTAL_TERMINATION",
    ];
    private static readonly HashSet<string> Account = ["DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED"];
    private static readonly HashSet<string> Grounds = ["DECISION_GROUND_ILLEGAL_CONTENT", "DECISION_GROUND_INCOMPATIBLE_CONTENT"];
    private static readonly HashSet<string> ContentTypes =
    [
        "CONTENT_TYPE_APP", "CONTENT_TYPE_AUDIO", "CONTENT_TYPE_IMAGE", "CONTENT_TYPE_PRODUCT",
        "CONTENT_TYPE_SYNTHETIC_MEDIA", "CONTENT_TYPE_TEXT", "CONTENT_TYPE_VIDEO", "CONTENT_TYPE_OTHER",
    ];
    private static readonly HashSet<string> Categories =
    [
        "STATEMENT_CATEGORY_ANIMAL_WELFARE", "STATEMENT_CATEGORY_CONSUMER_INFORMATION", "STATEMENT_CATEGORY_CYBER_VIOLENCE",
        "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN", "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
        "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS", "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
        "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
        "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY", "STATEMENT_CATEGORY_SCAMS_AND_FRAUD", "STATEMENT_CATEGORY_SELF_HARM",
        "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS", "STATEMENT_CATEGORY_VIOLENCE",
    ];
    private static readonly HashSet<string> Keywords =
    [
        "KEYWORD_DEFAMATION", "KEYWORD_DISCRIMINATION", "KEYWORD_HATE_SPEECH", "KEYWORD_COORDINATED_HARM",
        "KEYWORD_INCITEMENT_VIOLENCE_HATRED", "KEYWORD_CYBER_INCITEMENT", "KEYWORD_INAUTHENTIC_ACCOUNTS", "KEYWORD_OTHER",
    ];
    private static readonly HashSet<string> Sources =
        ["SOURCE_ARTICLE_16", "SOURCE_TRUSTED_FLAGGER", "SOURCE_TYPE_OTHER_NOTIFICATION", "SOURCE_VOLUNTARY"];
    private static readonly HashSet<string> Automated =
        ["AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY", "AUTOMATED_DECISION_NOT_AUTOMATED"];
    private static readonly HashSet<string> EuEea =
    [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
        "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
    ];

    [GeneratedRegex("^[a-zA-Z0-9-_]+$")]
    private static partial Regex PuidPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    private static List<string> Problems(JsonElement s)
    {
        var problems = new List<string>();
        string? Str(string name) => s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string[]? Arr(string name) => s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.GetString() ?? "").ToArray() : null;
        void Enum(string name, string? value, HashSet<string> allowed, bool required)
        {
            if (value is null) { if (required) problems.Add($"{name} missing"); return; }
            if (!allowed.Contains(value)) problems.Add($"{name}: '{value}' not allowed");
        }
        void Limit(string name, int max) { if (Str(name) is { } v && v.Length > max) problems.Add($"{name} longer than {max}"); }
        void Date(string name, string min, bool required)
        {
            var v = Str(name);
            if (v is null) { if (required) problems.Add($"{name} missing"); return; }
            if (!DatePattern().IsMatch(v) || string.CompareOrdinal(v, min) < 0 || string.CompareOrdinal(v, "2038-01-01") > 0)
                problems.Add($"{name}: '{v}' out of range");
        }

        var visibility = Arr("decision_visibility");
        var groups = (visibility is { Length: > 0 } ? 1 : 0) + (Str("decision_monetary") is null ? 0 : 1) +
                     (Str("decision_provision") is null ? 0 : 1) + (Str("decision_account") is null ? 0 : 1);
        if (groups == 0) problems.Add("no decision_* group");
        foreach (var v in visibility ?? []) Enum("decision_visibility", v, Visibility, true);
        if (visibility?.Contains("DECISION_VISIBILITY_OTHER") == true && string.IsNullOrEmpty(Str("decision_visibility_other")))
            problems.Add("decision_visibility_other missing");
        Enum("decision_provision", Str("decision_provision"), Provision, false);
        Enum("decision_account", Str("decision_account"), Account, false);
        Date("end_date_service_restriction", "2000-01-01", false);
        Date("end_date_account_restriction", "2000-01-01", false);

        var ground = Str("decision_ground");
        Enum("decision_ground", ground, Grounds, true);
        if (ground == "DECISION_GROUND_ILLEGAL_CONTENT")
        {
            if (string.IsNullOrEmpty(Str("illegal_content_legal_ground"))) problems.Add("illegal_content_legal_ground missing");
            if (string.IsNullOrEmpty(Str("illegal_content_explanation"))) problems.Add("illegal_content_explanation missing");
            if (Str("incompatible_content_illegal") is not null) problems.Add("incompatible_content_illegal with illegal ground");
        }
        if (ground == "DECISION_GROUND_INCOMPATIBLE_CONTENT")
        {
            if (string.IsNullOrEmpty(Str("incompatible_content_ground"))) problems.Add("incompatible_content_ground missing");
            if (string.IsNullOrEmpty(Str("incompatible_content_explanation"))) problems.Add("incompatible_content_explanation missing");
            if (Str("incompatible_content_illegal") is { } yn && yn is not ("Yes" or "No")) problems.Add("incompatible_content_illegal not Yes/No");
        }
        Limit("illegal_content_legal_ground", 500);
        Limit("illegal_content_explanation", 2000);
        Limit("incompatible_content_ground", 500);
        Limit("incompatible_content_explanation", 2000);
        Limit("decision_ground_reference_url", 500);

        var contentTypes = Arr("content_type");
        if (contentTypes is not { Length: > 0 }) problems.Add("content_type missing");
        foreach (var t in contentTypes ?? []) Enum("content_type", t, ContentTypes, true);
        Enum("category", Str("category"), Categories, true);
        foreach (var c in Arr("category_addition") ?? []) Enum("category_addition", c, Categories, true);
        foreach (var k in Arr("category_specification") ?? []) Enum("category_specification", k, Keywords, true);
        var scope = Arr("territorial_scope");
        if (scope is not { Length: > 0 }) problems.Add("territorial_scope missing");
        foreach (var c in scope ?? []) Enum("territorial_scope", c, EuEea, true);
        if (Str("content_language") is { } lang && !Regex.IsMatch(lang, "^[A-Z]{2}$")) problems.Add("content_language not ISO 639-1 upper-case");
        Date("content_date", "2000-01-01", true);
        Date("application_date", "2020-01-01", true);
        if (string.IsNullOrEmpty(Str("decision_facts"))) problems.Add("decision_facts missing");
        Limit("decision_facts", 5000);
        Enum("source_type", Str("source_type"), Sources, true);
        if (Str("automated_detection") is not ("Yes" or "No")) problems.Add("automated_detection not Yes/No");
        Enum("automated_decision", Str("automated_decision"), Automated, true);
        if (Str("puid") is not { } puid || puid.Length > 500 || !PuidPattern().IsMatch(puid)) problems.Add("puid invalid");
        return problems;
    }

    private static async Task<(EnforcementEngine Engine, FakeClock Clock)> ScenarioAsync(int extraPosts)
    {
        var clock = new FakeClock(Start);
        var engine = await EngineAsync(clock);
        var inputs = new List<PolicyInput>
        {
            Input("p1", "a1", ContentCode.IncitementViolence), Input("p2", "a2", ContentCode.HolocaustDenial, jurisdiction: "DE"),
            Input("p3", "a3", ContentCode.NaziComparison, target: Target.IsraelState),
            Input("p4", "a4", ContentCode.ConspiracyControlTrope, score: 0.6),
        };
        for (var i = 0; i < extraPosts; i++) inputs.Add(Input($"x{i}", $"author{i % 40}", ContentCode.DualLoyalty));
        await engine.ApplyAsync(inputs);
        foreach (var request in engine.State.Queue()) await engine.DecideReviewAsync(request.Id, Alice, approve: true);
        return (engine, clock);
    }

    [Fact]
    public async Task EveryStatementPassesTheSchemaAndBatchesHoldAtMostOneHundred()
    {
        var (engine, _) = await ScenarioAsync(extraPosts: 230);
        var batches = DsaStatementExporter.Batches(engine.State, engine.Policy);
        Assert.True(batches.Count >= 3);
        var puids = new HashSet<string>();
        var total = 0;
        foreach (var batch in batches)
        {
            using var doc = JsonDocument.Parse(batch);
            var statements = doc.RootElement.GetProperty("statements");
            Assert.InRange(statements.GetArrayLength(), 1, DsaStatementExporter.MaxBatch);
            foreach (var s in statements.EnumerateArray())
            {
                Assert.Empty(Problems(s));
                Assert.True(puids.Add(s.GetProperty("puid").GetString()!), "puid repeated");
                total++;
            }
        }
        Assert.True(total > 234, $"{total} statements");
    }

    [Fact]
    public async Task GeoRestrictionIsIllegalGroundScopedToTheCountry()
    {
        var (engine, _) = await ScenarioAsync(extraPosts: 0);
        using var doc = JsonDocument.Parse(Assert.Single(DsaStatementExporter.Batches(engine.State, engine.Policy)));
        var disabled = doc.RootElement.GetProperty("statements").EnumerateArray()
            .Single(s => s.GetProperty("decision_visibility").EnumerateArray().Any(v => v.GetString() == "DECISION_VISIBILITY_CONTENT_DISABLED"));
        Assert.Equal("DECISION_GROUND_ILLEGAL_CONTENT", disabled.GetProperty("decision_ground").GetString());
        Assert.Equal(["DE"], disabled.GetProperty("territorial_scope").EnumerateArray().Select(e => e.GetString()!));
        Assert.Contains("130", disabled.GetProperty("illegal_content_legal_ground").GetString());
        Assert.Equal("AUTOMATED_DECISION_PARTIALLY", disabled.GetProperty("automated_decision").GetString());
    }

    [Fact]
    public void TheSchemaCheckItselfCatchesBrokenStatements()
    {
        using var doc = JsonDocument.Parse("""
            {"decision_visibility":["DECISION_VISIBILITY_OTHER"],"decision_ground":"DECISION_GROUND_ILLEGAL_CONTENT",
             "content_type":["CONTENT_TYPE_TEXT"],"category":"STATEMENT_CATEGORY_HATE","territorial_scope":["US"],
             "content_date":"1999-12-31","application_date":"2026-01-01","decision_facts":"x","source_type":"SOURCE_VOLUNTARY",
             "automated_detection":"Yes","automated_decision":"AUTOMATED_DECISION_FULLY","puid":"has space"}
            """);
        var problems = Problems(doc.RootElement);
        foreach (var expected in new[] { "decision_visibility_other", "illegal_content_legal_ground", "category", "territorial_scope", "content_date", "puid" })
            Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReversedDecisionsAreNotReported()
    {
        var (engine, _) = await ScenarioAsync(extraPosts: 0);
        var before = JsonDocument.Parse(DsaStatementExporter.Batches(engine.State, engine.Policy)[0]).RootElement
            .GetProperty("statements").GetArrayLength();
        var id = DecisionIdFor(engine, "p3");
        await engine.FileAppealAsync(id, "a3");
        await engine.ResolveAppealAsync(id, Alice, overturn: true);
        var after = JsonDocument.Parse(DsaStatementExporter.Batches(engine.State, engine.Policy)[0]).RootElement
            .GetProperty("statements").GetArrayLength();
        Assert.Equal(before - 1, after);
    }
}
