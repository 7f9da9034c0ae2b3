using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Model;
using Vigil.Text.Csv;

namespace Vigil.Detection.Batch;

/// <summary>
/// Writes scored rows in the output format chosen by the file's extension (columns: docs/FORMATS.md, "Scored output").
/// The three-class probabilities (hate speech, offensive, normal: HateXplain's classes) are the verdict's, so 1 −
/// p_normal is the toxicity the Perspective endpoint serves.
/// </summary>
internal abstract class VerdictFormatter
{
    protected static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    protected static readonly string[] TargetNames = Names<Target>();
    protected static readonly string[] CodeNames = Names<ContentCode>();
    protected static readonly string[] ConsensusNames = Names<ConsensusClass>();
    protected static readonly string[] ExplicitnessNames = Names<Explicitness>();

    /// <summary>JSONL for a .jsonl or .ndjson file, CSV for anything else (a .csv file, /dev/stdout, a pipe).</summary>
    public static VerdictFormatter ForPath(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => new JsonlVerdictFormatter(),
            _ => new CsvVerdictFormatter(),
        };

    /// <summary>Written once before the rows (may be empty).</summary>
    public abstract string Header { get; }

    public abstract void Append(StringBuilder output, string id, in Verdict verdict, IReadOnlyList<EvidenceSpan> evidence);

    private static string[] Names<TEnum>() where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var names = new string[values.Length];
        foreach (var value in values) names[Convert.ToInt32(value, Invariant)] = Kebab.From(value);
        return names;
    }
}

internal sealed class CsvVerdictFormatter : VerdictFormatter
{
    public override string Header =>
        "id,hateful,p_hateful,antisemitic,p_antisemitic,p_hate_speech,p_offensive,p_normal,target,code,code_confidence,consensus_class,explicitness,language,language_supported,evidence\n";

    public override void Append(StringBuilder output, string id, in Verdict v, IReadOnlyList<EvidenceSpan> evidence)
    {
        output.Append(CsvFormat.Quote(id));
        output.Append(Invariant, $",{Flag(v.Hateful)},{v.PHateful:F4},{Flag(v.Antisemitic)},{v.PAntisemitic:F4},{v.PHateSpeech:F4},{v.POffensive:F4},{v.PNormal:F4},");
        output.Append(TargetNames[(int)v.Target]).Append(',').Append(CodeNames[(int)v.Code]).Append(',');
        output.Append(Invariant, $"{v.CodeConfidence:F4},");
        output.Append(ConsensusNames[(int)v.Consensus]).Append(',').Append(ExplicitnessNames[(int)v.Explicitness]).Append(',');
        output.Append(v.Language).Append(',').Append(Flag(v.LanguageSupported)).Append(',');
        if (evidence.Count > 0)
        {
            // start:length:feature, ';'-separated; always quoted because a feature may hold any character.
            output.Append('"');
            for (var i = 0; i < evidence.Count; i++)
            {
                if (i > 0) output.Append(';');
                output.Append(Invariant, $"{evidence[i].Start}:{evidence[i].Length}:");
                var feature = evidence[i].Feature;
                if (feature.Contains('"')) output.Append(feature.Replace("\"", "\"\"")); else output.Append(feature);
            }
            output.Append('"');
        }
        output.Append('\n');
    }

    private static string Flag(bool value) => value ? "1" : "0";
}

internal sealed class JsonlVerdictFormatter : VerdictFormatter
{
    public override string Header => "";

    public override void Append(StringBuilder output, string id, in Verdict v, IReadOnlyList<EvidenceSpan> evidence)
    {
        output.Append("{\"id\":").Append(JsonSerializer.Serialize(id));
        output.Append(Invariant, $",\"hateful\":{Bool(v.Hateful)},\"p_hateful\":{v.PHateful:F4},\"antisemitic\":{Bool(v.Antisemitic)},\"p_antisemitic\":{v.PAntisemitic:F4}");
        output.Append(Invariant, $",\"p_hate_speech\":{v.PHateSpeech:F4},\"p_offensive\":{v.POffensive:F4},\"p_normal\":{v.PNormal:F4}");
        output.Append(",\"target\":\"").Append(TargetNames[(int)v.Target]).Append("\",\"code\":\"").Append(CodeNames[(int)v.Code]);
        output.Append(Invariant, $"\",\"code_confidence\":{v.CodeConfidence:F4}");
        output.Append(",\"consensus_class\":\"").Append(ConsensusNames[(int)v.Consensus]);
        output.Append("\",\"explicitness\":\"").Append(ExplicitnessNames[(int)v.Explicitness]);
        output.Append("\",\"language\":\"").Append(v.Language).Append("\",\"language_supported\":").Append(Bool(v.LanguageSupported));
        output.Append(",\"evidence\":[");
        for (var i = 0; i < evidence.Count; i++)
        {
            var e = evidence[i];
            if (i > 0) output.Append(',');
            output.Append(Invariant, $"{{\"start\":{e.Start},\"length\":{e.Length},\"feature\":{JsonSerializer.Serialize(e.Feature)},\"weight\":{e.Weight}}}");
        }
        output.Append("]}\n");
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
