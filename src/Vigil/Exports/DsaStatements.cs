using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Policy;

namespace Vigil.Exports;

/// <summary>
/// Statements of reasons in the EU DSA Transparency Database API v2 schema, in batches of at most 100
/// (<c>{"statements":[...]}</c>, the bulk endpoint's limit). One statement per restriction in effect: each content
/// decision that is not reversed, and each read-only period or suspension. Account labels for automation restrict
/// nothing and are not reported.
/// </summary>
public static class DsaStatementExporter
{
    public const int MaxBatch = 100;

    /// <summary>EU and EEA members: the territorial scope of a restriction under the terms of service.</summary>
    internal static readonly string[] EuEea =
    [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
        "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
    ];

    public static IReadOnlyList<string> Batches(EnforcementState state, EnforcementPolicy policy)
    {
        var statements = new List<Action<Utf8JsonWriter>>();
        foreach (var decision in state.Decisions.OrderBy(d => d.At).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            if (decision.Reversed || decision.Actions == ContentActions.None) continue;
            statements.Add(json => WriteContentStatement(json, decision, policy));
        }
        foreach (var restriction in state.AllRestrictions.OrderBy(r => r.From).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            if (restriction.Reversed) continue;
            statements.Add(json => WriteAccountStatement(json, restriction, policy));
        }

        var batches = new List<string>();
        for (var start = 0; start < statements.Count; start += MaxBatch)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
                   {
                       // Statutes carry '§' and the like: keep them readable rather than \u-escaped.
                       Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                   }))
            {
                json.WriteStartObject();
                json.WriteStartArray("statements");
                for (var i = start; i < Math.Min(start + MaxBatch, statements.Count); i++)
                {
                    json.WriteStartObject();
                    statements[i](json);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            batches.Add(Encoding.UTF8.GetString(stream.ToArray()));
        }
        return batches;
    }

    /// <summary>A platform-unique id within the schema's alphabet, stable across exports of the same log.</summary>
    internal static string Puid(string eventId) =>
        "vigil-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..32];

    private static void WriteContentStatement(Utf8JsonWriter json, DecisionStatus decision, EnforcementPolicy policy)
    {
        var p = decision.Payload;
        var actions = decision.Actions;
        var visibility = new List<string>();
        if ((actions & ContentActions.Label) != 0) visibility.Add("DECISION_VISIBILITY_CONTENT_LABELLED");
        if ((actions & ContentActions.Interstitial) != 0) visibility.Add("DECISION_VISIBILITY_OTHER");
        if ((actions & (ContentActions.Demote | ContentActions.ExcludeFromRecommendations)) != 0)
            visibility.Add("DECISION_VISIBILITY_CONTENT_DEMOTED");
        if ((actions & ContentActions.LimitReplies) != 0) visibility.Add("DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED");
        if ((actions & ContentActions.GeoRestrict) != 0) visibility.Add("DECISION_VISIBILITY_CONTENT_DISABLED");
        if ((actions & ContentActions.Remove) != 0) visibility.Add("DECISION_VISIBILITY_CONTENT_REMOVED");
        json.WriteStartArray("decision_visibility");
        foreach (var v in visibility) json.WriteStringValue(v);
        json.WriteEndArray();
        if ((actions & ContentActions.Interstitial) != 0) json.WriteString("decision_visibility_other", "Interstitial warning screen");

        // Unlawful ground only where a reviewer withheld or removed content under a listed statute; the rest of what
        // Vigil does (labels, reduced reach) rests on the terms of service everywhere.
        var territories = p.Territories ?? [];
        var illegal = territories.Length > 0 && (actions & Ladder.HumanOnly) != 0;
        WriteGround(json, policy, illegal, decision.Rule, p.Statutes, territories.Length > 0,
            $"The post was assessed as {p.Consensus} ({p.Code}, {p.Explicitness}) under rule '{decision.Rule}'.");
        WriteCategory(json, p.Code);
        json.WriteStartArray("territorial_scope");
        foreach (var country in illegal ? territories : EuEea) json.WriteStringValue(country);
        json.WriteEndArray();
        if (p.Language is { Length: 2 } language) json.WriteString("content_language", language.ToUpperInvariant());
        json.WriteString("content_date", Date(p.ContentDate ?? decision.At));
        json.WriteString("application_date", Date(decision.At));
        json.WriteString("decision_facts", Truncate(Facts(decision, policy), 5000));
        WriteCommon(json, decision.Kind == DecisionEventType.ReviewDecided ? "AUTOMATED_DECISION_PARTIALLY" : "AUTOMATED_DECISION_FULLY",
            decision.Id);
    }

    private static void WriteAccountStatement(Utf8JsonWriter json, AccountRestriction restriction, EnforcementPolicy policy)
    {
        if (restriction.Action == AccountAction.Suspend)
        {
            json.WriteString("decision_account", "DECISION_ACCOUNT_SUSPENDED");
            if (restriction.Until is { } until) json.WriteString("end_date_account_restriction", Date(until));
        }
        else
        {
            json.WriteString("decision_provision", "DECISION_PROVISION_PARTIAL_SUSPENSION");
            if (restriction.Until is { } until) json.WriteString("end_date_service_restriction", Date(until));
        }
        WriteGround(json, policy, illegal: false, rule: "strike-thresholds", statutes: null, unlawfulSomewhere: false,
            "The account reached a strike threshold after repeated violations of the hateful conduct rules.");
        WriteCategory(json, code: null);
        json.WriteStartArray("territorial_scope");
        foreach (var country in EuEea) json.WriteStringValue(country);
        json.WriteEndArray();
        json.WriteString("content_date", Date(restriction.From));
        json.WriteString("application_date", Date(restriction.From));
        json.WriteString("decision_facts", $"Account restricted ({(restriction.Action == AccountAction.Suspend ? "suspended" : "read-only")}) " +
                                           $"under policy {policy.Version} after its active strikes reached a threshold.");
        WriteCommon(json, "AUTOMATED_DECISION_FULLY", restriction.Id);
    }

    private static void WriteGround(Utf8JsonWriter json, EnforcementPolicy policy, bool illegal, string? rule,
        string[]? statutes, bool unlawfulSomewhere, string explanation)
    {
        if (illegal)
        {
            json.WriteString("decision_ground", "DECISION_GROUND_ILLEGAL_CONTENT");
            json.WriteString("illegal_content_legal_ground", Truncate(string.Join("; ", statutes ?? []), 500));
            json.WriteString("illegal_content_explanation", Truncate(explanation, 2000));
        }
        else
        {
            json.WriteString("decision_ground", "DECISION_GROUND_INCOMPATIBLE_CONTENT");
            json.WriteString("incompatible_content_ground", Truncate($"Terms of service, hateful conduct; policy {policy.Version}, rule {rule}", 500));
            json.WriteString("incompatible_content_explanation", Truncate(explanation, 2000));
            json.WriteString("incompatible_content_illegal", unlawfulSomewhere ? "Yes" : "No");
        }
        if (policy.TermsUrl.Length > 0) json.WriteString("decision_ground_reference_url", Truncate(policy.TermsUrl, 500));
    }

    private static void WriteCategory(Utf8JsonWriter json, string? code)
    {
        json.WriteStartArray("content_type");
        json.WriteStringValue("CONTENT_TYPE_TEXT");
        json.WriteEndArray();
        json.WriteString("category", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH");
        var incitement = code == "incitement-violence";
        if (incitement)
        {
            json.WriteStartArray("category_addition");
            json.WriteStringValue("STATEMENT_CATEGORY_VIOLENCE");
            json.WriteEndArray();
        }
        json.WriteStartArray("category_specification");
        json.WriteStringValue("KEYWORD_HATE_SPEECH");
        if (incitement) json.WriteStringValue("KEYWORD_INCITEMENT_VIOLENCE_HATRED");
        json.WriteEndArray();
    }

    private static void WriteCommon(Utf8JsonWriter json, string automatedDecision, string id)
    {
        json.WriteString("source_type", "SOURCE_VOLUNTARY");
        json.WriteString("automated_detection", "Yes");
        json.WriteString("automated_decision", automatedDecision);
        json.WriteString("puid", Puid(id));
    }

    private static string Facts(DecisionStatus decision, EnforcementPolicy policy)
    {
        var p = decision.Payload;
        var who = decision.Kind == DecisionEventType.ReviewDecided ? "A human reviewer confirmed the proposal of" : "Applied automatically by";
        var facts = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{who} rule '{decision.Rule}' of policy {decision.PolicyVersion} ")
            .Append(CultureInfo.InvariantCulture, $"(current: {policy.Version}). Classifier {decision.ModelVersion} with taxonomy ")
            .Append(CultureInfo.InvariantCulture, $"{decision.TaxonomyVersion} assessed the post as {p.Consensus}, code {p.Code}, ")
            .Append(CultureInfo.InvariantCulture, $"target {p.Target}, {p.Explicitness}, score {p.Score:0.00}. ")
            .Append(CultureInfo.InvariantCulture, $"Actions: {Ladder.Format(decision.Actions)}.");
        if (p.Evidence is { Length: > 0 } evidence) facts.Append(" Evidence: ").Append(string.Join(", ", evidence)).Append('.');
        return facts.ToString();
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
