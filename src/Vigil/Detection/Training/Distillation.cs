using System.Globalization;
using Vigil.Text;
using Vigil.Text.Csv;

namespace Vigil.Detection.Training;

/// <summary>
/// The encoder's probabilities on unlabelled and augmented texts (spelling noise, negation, questions, counter-speech),
/// handed over by the training pipeline as <c>text,p_antisemitic,p_hateful</c> (an empty cell: the head does not
/// apply). Stage 1 trains its antisemitic and hateful heads on them as soft targets beside the labelled rows, so it
/// learns what the encoder knows about phrasings the labelled data lacks. The file must hold no dev or test text of any
/// set, nor CONAN or hatebr text (the handing-over side guarantees it; see /work/wt/handoff/STAGE1-READS.md).
/// </summary>
public static class Distillation
{
    public const string Source = "distilled";

    /// <summary>Throws <see cref="FormatException"/> naming file and line on a malformed row or a probability outside [0, 1].</summary>
    public static List<LabeledText> Load(string path)
    {
        using var reader = Utf8Input.OpenText(path);
        var csv = new CsvReader(reader, path);
        var fields = new List<string>();
        if (!csv.TryRead(fields, out _, out var headerError) || headerError is not null)
            throw new FormatException(csv.At(1, $"cannot read the header ({headerError ?? "empty file"})."));
        var text = Column(fields, "text", csv);
        var antisemitic = Column(fields, "p_antisemitic", csv);
        var hateful = Column(fields, "p_hateful", csv);
        var rows = new List<LabeledText>();
        while (csv.TryRead(fields, out var line, out var error))
        {
            if (error is not null) throw new FormatException(csv.At(line, $"{error}."));
            if (fields.Count <= Math.Max(text, Math.Max(antisemitic, hateful)))
                throw new FormatException(csv.At(line, $"expected at least {Math.Max(text, Math.Max(antisemitic, hateful)) + 1} fields, found {fields.Count}."));
            rows.Add(new LabeledText(Source, DataSplit.Train, fields[text])
            {
                SoftAntisemitic = Probability(fields[antisemitic], csv, line),
                SoftHateful = Probability(fields[hateful], csv, line),
            });
        }
        return rows;
    }

    private static int Column(List<string> header, string name, CsvReader csv) =>
        header.IndexOf(name) is var i and >= 0 ? i : throw new FormatException(csv.At(1, $"no '{name}' column."));

    private static float? Probability(string cell, CsvReader csv, int line)
    {
        if (cell.Length == 0) return null;
        if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !(p is >= 0 and <= 1))
            throw new FormatException(csv.At(line, $"'{cell}' is not a probability."));
        return p;
    }
}
