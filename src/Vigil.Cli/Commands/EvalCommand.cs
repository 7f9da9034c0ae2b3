using System.CommandLine;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Detection.Evaluation;
using Vigil.Detection.Training;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil eval</c>: measures the detector on every held-out split, in each scoring mode (both stages alone and the
/// cascade), and writes the Detection section of docs/EVALUATION.md.</summary>
internal static class EvalCommand
{
    private const string SectionHeading = "## Detection";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder with the labelled data sets.", DefaultValueFactory = _ => TrainCommand.DefaultDataFolder };
        var output = new Option<string>("--out") { Description = "Markdown file whose '## Detection' section is replaced.", DefaultValueFactory = _ => "docs/EVALUATION.md" };
        var model = new Option<string?>("--model") { Description = "Model file (default: the model built into vigil)." };
        var seed = new Option<int>("--seed") { Description = "Seed the model was trained with (it fixes the seeded splits).", DefaultValueFactory = _ => 1 };
        var modes = new Option<ScoringMode[]>("--mode")
        {
            Description = "Modes to evaluate: any of fast, encoder, cascade (default: the default mode of vigil score).",
            DefaultValueFactory = _ => [CascadeOptions.DefaultMode],
            AllowMultipleArgumentsPerToken = true,
        };
        var band = new Option<double>("--band")
        {
            Description = "Cascade: a first-stage probability this close to its threshold goes to the encoder.",
            DefaultValueFactory = _ => CascadeOptions.DefaultBand,
        };
        var command = new Command("eval", "Evaluate the detector on the held-out splits of ../shared/data.") { data, output, model, seed, modes, band };
        command.SetAction(parse =>
        {
            List<LabeledText> corpus;
            try
            {
                corpus = TrainingCorpus.Load(parse.GetValue(data)!, parse.GetValue(seed));
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or FormatException)
            {
                Console.Error.WriteLine($"vigil eval: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
            var modelPath = parse.GetValue(model);
            var stage1 = modelPath is null ? Detector.LoadDefault() : Detector.Load(modelPath);
            var results = new List<DetectorEvaluation.ModeResults>();
            var version = stage1.ModelVersion;
            foreach (var mode in parse.GetValue(modes)!.Distinct())
            {
                CascadeDetector detector;
                try
                {
                    detector = CascadeDetector.Create(stage1, new CascadeOptions { Mode = mode, Band = parse.GetValue(band) });
                }
                catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
                {
                    Console.Error.WriteLine($"vigil eval: {e.Message}");
                    return ExitCodes.UsageOrInputError;
                }
                using (detector)
                {
                    var (metrics, secondStage) = DetectorEvaluation.Run(detector, corpus);
                    results.Add(new DetectorEvaluation.ModeResults(mode, metrics, secondStage));
                    if (detector.ModelVersion.Length > version.Length) version = detector.ModelVersion;
                }
            }
            var markdown = DetectorEvaluation.ToMarkdown(results, version,
                "dotnet run --project src/Vigil.Cli -c Release -- eval");
            Console.Write(markdown);
            var path = parse.GetValue(output)!;
            WriteSection(path, markdown);
            Console.WriteLine($"vigil eval: {results.Sum(r => r.Results.Count)} evaluations written to {path}");
            return ExitCodes.Success;
        });
        return command;
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
