using System.CommandLine;
using System.Globalization;
using Vigil.Detection.Cascade;
using Vigil.Detection.Evaluation;
using Vigil.Detection.Training;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil eval</c>: measures the detector on every held-out split, in each scoring mode asked for (each stage
/// alone, the cascade), and writes the Detection section of docs/EVALUATION.md.</summary>
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
        var modes = new Option<ScoringMode[]>("--mode")
        {
            Description = "Modes to evaluate, any of fast, encoder, cascade (default: vigil score's default mode).",
            DefaultValueFactory = _ => [CascadeOptions.DefaultMode],
            AllowMultipleArgumentsPerToken = true,
        };
        var band = CascadeCli.BandOption();
        var ablate = new Option<bool>("--ablate") { Description = "Also switch each rule of the rule layer off alone (stage 1 alone) and report what it adds on held-out sets." };
        var command = new Command("eval", "Evaluate the detector on the held-out splits of ../shared/data.") { data, output, model, seed, format, modes, band, ablate };
        command.SetAction(parse =>
        {
            var corpus = TrainingCorpus.Load(parse.GetValue(data)!, parse.GetValue(seed));
            var stage1 = DetectorFile.Load(parse.GetValue(model));
            var results = new List<DetectorEvaluation.ModeResults>();
            var version = stage1.ModelVersion;
            foreach (var mode in parse.GetValue(modes)!.Distinct())
            {
                using var detector = CascadeDetector.Create(stage1, new CascadeOptions { Mode = mode, Band = parse.GetValue(band) });
                var (metrics, secondStage) = DetectorEvaluation.Run(detector, corpus);
                results.Add(new DetectorEvaluation.ModeResults(mode, metrics, secondStage));
                if (detector.ModelVersion.Length > version.Length) version = detector.ModelVersion;
            }
            var markdown = DetectorEvaluation.ToMarkdown(results, version,
                "dotnet run --project src/Vigil.Cli -c Release -- eval --mode " + string.Join(' ', results.Select(r => CascadeCli.Name(r.Mode)))
                + (parse.GetValue(ablate) ? " --ablate" : ""));
            if (parse.GetValue(ablate))
                markdown += "\n### Rule ablation\n\n" + DetectorEvaluation.Ablation(stage1, corpus);
            var printed = ResultOutput.For(parse, format);
            // The table format prints the section exactly as it goes into the document, confusion matrices included.
            if (printed.Format == OutputFormat.Table) Console.Write(markdown);
            else printed.Write(Table(results));
            var path = parse.GetValue(output)!;
            WriteSection(path, markdown);
            printed.Note($"vigil eval: {results.Sum(r => r.Results.Count)} evaluations written to {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static ResultTable Table(IReadOnlyList<DetectorEvaluation.ModeResults> modes)
    {
        var table = new ResultTable("evaluations", "data_set", "task", "mode", "n", "accuracy", "macro_f1", "per_class_f1", "ece");
        foreach (var mode in modes)
        {
            foreach (var r in mode.Results)
            {
                var perClass = string.Join(", ", r.Classes.Select((c, k) => string.Create(CultureInfo.InvariantCulture, $"{c} {r.F1(k):F3}")));
                table.Add(r.DataSet, r.Task, CascadeCli.Name(mode.Mode), Cell.Count(r.Count), Cell.Number(r.Accuracy, "F3"),
                    Cell.Number(r.MacroF1, "F3"), perClass, Cell.Number(r.ExpectedCalibrationError, "F3"));
            }
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
