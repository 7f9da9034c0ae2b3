using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Model;
using Vigil.Text.Csv;

namespace Vigil.Measurement;

/// <summary>One row of a labelling task: a sampled post, why it was drawn, and the annotators' labels once filled.</summary>
public sealed record LabelsTaskRow(string PostId, string Text, int Stratum, double InclusionProbability, int Draws,
    SamplingDesign Design, long Seed, string Label);

/// <summary>
/// The labelling task file: <c>post_id, text, stratum, inclusion_probability, draws, design, seed, label</c>. The inclusion
/// probability is written round-trip exact ("R"), so the weights an estimate uses are the ones the sampler computed.
/// </summary>
public static class LabelsTaskFile
{
    private static readonly string[] Header = ["post_id", "text", "stratum", "inclusion_probability", "draws", "design", "seed", "label"];

    public static void Write(TextWriter writer, MeasurementSample sample, Func<string, string> textOf)
    {
        CsvFormat.WriteRow(writer, Header);
        var design = Kebab.From(sample.Design);
        var seed = sample.Seed.ToString(CultureInfo.InvariantCulture);
        foreach (var item in sample.Items)
        {
            CsvFormat.WriteRow(writer,
            [
                item.Id, textOf(item.Id), item.Stratum.ToString(CultureInfo.InvariantCulture),
                item.InclusionProbability.ToString("R", CultureInfo.InvariantCulture), item.Draws.ToString(CultureInfo.InvariantCulture),
                design, seed, "",
            ]);
        }
    }

    /// <summary>
    /// The name a sample is queued for labelling under: what drew it, its seed, and a digest of its post ids, so the same
    /// draw always gets the same id (queueing it twice adds nothing) and two different draws never share one.
    /// </summary>
    public static string SampleId(string design, long seed, IEnumerable<string> postIds)
    {
        var ids = postIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids)));
        return $"{design}-seed{seed.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(digest)[..12]}";
    }

    public static IReadOnlyList<LabelsTaskRow> Read(TextReader reader, string source)
    {
        using var records = LabelsCsv.Read(reader, source).GetEnumerator();
        if (!records.MoveNext()) throw new LabelsFormatException(source, 1, "the file is empty; expected a header line.");
        var header = records.Current;
        var columns = new int[Header.Length];
        for (var i = 0; i < Header.Length; i++) columns[i] = LabelsCsv.Column(header, Header[i], source);
        var rows = new List<LabelsTaskRow>();
        while (records.MoveNext())
        {
            var r = records.Current;
            if (r.Fields.Length != header.Fields.Length)
                throw new LabelsFormatException(source, r.Line, $"{r.Fields.Length} fields where the header has {header.Fields.Length}.");
            string Field(int k) => r.Fields[columns[k]].Trim();
            if (!int.TryParse(Field(2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var stratum) ||
                !double.TryParse(Field(3), NumberStyles.Float, CultureInfo.InvariantCulture, out var probability) ||
                !int.TryParse(Field(4), NumberStyles.Integer, CultureInfo.InvariantCulture, out var draws) ||
                !Kebab.TryParse<SamplingDesign>(Field(5), out var design) ||
                !long.TryParse(Field(6), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                throw new LabelsFormatException(source, r.Line, "stratum, inclusion_probability, draws, design or seed is not valid.");
            rows.Add(new LabelsTaskRow(Field(0), r.Fields[columns[1]], stratum, probability, draws, design, seed, Field(7)));
        }
        return rows;
    }
}
