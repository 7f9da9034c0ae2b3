using System.Globalization;
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
