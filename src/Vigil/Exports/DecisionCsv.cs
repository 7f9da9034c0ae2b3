using System.Globalization;
using System.Text;
using Vigil.Enforcement;
using Vigil.Policy;
using Vigil.Text.Csv;

namespace Vigil.Exports;

/// <summary>Every decision, in effect or reversed, one CSV row each (RFC 4180 quoting), for spreadsheets and audits.</summary>
public static class DecisionCsvExporter
{
    public const string Header =
        "decision_id,kind,at,subject,author,actor,rule,actions,account_action,consensus,code,explicitness,score,reach," +
        "territories,policy_version,model_version,taxonomy_version,appeal,reversed";

    public static void Write(EnforcementState state, TextWriter writer)
    {
        writer.WriteLine(Header);
        foreach (var d in state.Decisions.OrderBy(d => d.At).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            var p = d.Payload;
            string[] cells =
            [
                d.Id, d.Kind.ToString(), d.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), d.Subject.ToString(),
                d.Author ?? "", d.Actor, d.Rule ?? "", Ladder.Format(d.Actions),
                d.AccountAction == AccountAction.None ? "" : Model.Kebab.From(d.AccountAction), p.Consensus ?? "", p.Code ?? "",
                p.Explicitness ?? "", p.Score?.ToString("0.####", CultureInfo.InvariantCulture) ?? "",
                p.Reach?.ToString(CultureInfo.InvariantCulture) ?? "", string.Join(' ', p.Territories ?? []),
                d.PolicyVersion, d.ModelVersion, d.TaxonomyVersion,
                d.Appeal.ToString().ToLowerInvariant(), d.Reversed ? "true" : "false",
            ];
            CsvFormat.WriteRow(writer, cells);
        }
    }
}
