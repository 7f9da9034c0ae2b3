using System.Globalization;
using Vigil.Text;
using Vigil.Text.Csv;

namespace Vigil.Detection.Training;

/// <summary>
/// The encoder's probabilities on unlabelled and augmented texts (spelling noise, negation, questions, counter-speech),
/// handed over by the training pipeline as <c>text,p_antisemitic,p_hateful,teacher</c> (an empty cell: the head does
/// not apply; <c>teacher</c>: the encoder's version, the same on every row). Stage 1 trains its antisemitic and hateful heads on them as soft targets beside the labelled rows, so it
/// learns what the encoder knows about phrasings the labelled data lacks. The file must hold no dev or test text of any
/// set, nor CONAN or hatebr text (the handing-over side guarantees it; see /work/wt/handoff/STAGE1-READS.md).
/// </summary>
public static class Distillation
{
    public const string Source = "distilled";

    /// <summary>The soft-target rows and the version of the encoder that wrote them (<see cref="TrainOptions.Teacher"/>).</summary>
    public sealed record Targets(string Teacher, List<LabeledText> Rows);

    /// <summary>
    /// Throws <see cref="FormatException"/> naming file and line on a malformed row, a probability outside [0, 1], a
    /// missing or changing teacher, or a file without rows.
    /// </summary>
    public static Targets Load(string path)
    {
        using var reader = Utf8Input.OpenText(path);
        var csv = new CsvReader(reader, path);
        var fields = new List<string>();
        if (!csv.TryRead(fields, out _, out var headerError) || headerError is not null)
            throw new FormatException(csv.At(1, $"cannot read the header ({headerError ?? "empty file"})."));
        var text = Column(fields, "text", csv);
        var antisemitic = Column(fields, "p_antisemitic", csv);
        var hateful = Column(fields, "p_hateful", csv);
        var teacherColumn = Column(fields, "teacher", csv);
        var last = Math.Max(Math.Max(text, teacherColumn), Math.Max(antisemitic, hateful));
        string? teacher = null;
        var rows = new List<LabeledText>();
        while (csv.TryRead(fields, out var line, out var error))
        {
            if (error is not null) throw new FormatException(csv.At(line, $"{error}."));
            if (fields.Count <= last)
                throw new FormatException(csv.At(line, $"expected at least {last + 1} fields, found {fields.Count}."));
            if (fields[teacherColumn].Length == 0 || (teacher is not null && fields[teacherColumn] != teacher))
                throw new FormatException(csv.At(line, $"teacher '{fields[teacherColumn]}': every row must name the same encoder version{(teacher is null ? "" : $" ('{teacher}' above)")}."));
            teacher = fields[teacherColumn];
            rows.Add(new LabeledText(Source, DataSplit.Train, fields[text])
            {
                SoftAntisemitic = Probability(fields[antisemitic], csv, line),
                SoftHateful = Probability(fields[hateful], csv, line),
            });
        }
        if (teacher is null) throw new FormatException(csv.At(1, "no soft targets below the header."));
        return new Targets(teacher, rows);
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
