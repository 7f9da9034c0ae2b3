using System.CommandLine;
using System.Globalization;
using Vigil.Detection.Evaluation;
using Vigil.Detection.Training;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil eval</c>: measures the detector on every held-out split and writes the Detection section of docs/EVALUATION.md.</summary>
internal static class EvalCommand
{
    private const string SectionHeading = "## Detection";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder with the labelled data sets.", DefaultValueFactory = _ => TrainCommand.DefaultDataFolder };
        var output = new Option<string>("--out") { Description = "Markdown file whose '## Detection' section is replaced.", DefaultValueFactory = _ => "docs/EVALUATION.md" };
        var model = new Option<string?>("--model") { Description = "Model file (default: the model built into vigil)." };
        var seed = CommonOptions.Seed("Seed the model was trained with (it fixes the seeded splits).");
        var format = ResultOutput.FormatOption();
        var ablate = new Option<bool>("--ablate") { Description = "Also switch each rule of the rule layer off alone and report what it adds on held-out sets." };
        var command = new Command("eval", "Evaluate the detector on the held-out splits of ../shared/data.") { data, output, model, seed, format, ablate };
        command.SetAction(parse =>
        {
            var corpus = TrainingCorpus.Load(parse.GetValue(data)!, parse.GetValue(seed));
            var detector = DetectorFile.Load(parse.GetValue(model));
            var results = DetectorEvaluation.Run(detector, corpus);
            var markdown = DetectorEvaluation.ToMarkdown(results, detector.ModelVersion,
                "dotnet run --project src/Vigil.Cli -c Release -- eval --ablate");
            if (parse.GetValue(ablate))
                markdown += "\n### Rule ablation\n\n" + DetectorEvaluation.Ablation(detector, corpus);
            var printed = ResultOutput.For(parse, format);
            // The table format prints the section exactly as it goes into the document, confusion matrices included.
            if (printed.Format == OutputFormat.Table) Console.Write(markdown);
            else printed.Write(Table(results));
            var path = parse.GetValue(output)!;
            WriteSection(path, markdown);
            printed.Note($"vigil eval: {results.Count} evaluations written to {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static ResultTable Table(IReadOnlyList<ClassificationMetrics> results)
    {
        var table = new ResultTable("evaluations", "data_set", "task", "n", "accuracy", "macro_f1", "per_class_f1", "ece");
        foreach (var r in results)
        {
            var perClass = string.Join(", ", r.Classes.Select((c, k) => string.Create(CultureInfo.InvariantCulture, $"{c} {r.F1(k):F3}")));
            table.Add(r.DataSet, r.Task, Cell.Count(r.Count), Cell.Number(r.Accuracy, "F3"), Cell.Number(r.MacroF1, "F3"), perClass,
                Cell.Number(r.ExpectedCalibrationError, "F3"));
        }
        return table;
    }

    /// <summary>Replaces this command's own section and leaves the sections other engineers own untouched.</summary>
    private static void WriteSection(string path, string section)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Evaluation\n\n";
        var start = existing.IndexOf(SectionHeading + "\n", StringComparison.Ordinal);
        string updated;
        if (start < 0)
        {
            updated = existing.TrimEnd() + "\n\n" + section;
        }
        else
        {
            var end = existing.IndexOf("\n## ", start + SectionHeading.Length, StringComparison.Ordinal);
            updated = existing[..start] + section + (end < 0 ? "" : existing[end..]);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, updated);
    }
}
