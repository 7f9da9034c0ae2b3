using System.CommandLine;
using System.Diagnostics;
using Vigil.Detection.Batch;
using Vigil.Detection.Cascade;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil score</c>: batch-scores a CSV or JSONL file on every core, streaming, in input order.</summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var input = CommonOptions.Input("Input file (.csv with a header row, or .jsonl).");
        var output = new Option<string>("--out") { Description = "Output file: JSONL when its name ends in .jsonl, else CSV.", Required = true };
        var textColumn = new Option<string>("--text-column") { Description = "Column or property holding the text.", DefaultValueFactory = _ => "text" };
        var idColumn = new Option<string>("--id-column") { Description = "Column or property holding the row id (default: line number when absent).", DefaultValueFactory = _ => "id" };
        var model = new Option<string?>("--model") { Description = "First-stage model file (default: the model built into vigil)." };
        var mode = CascadeCli.ModeOption();
        var band = CascadeCli.BandOption();
        var command = new Command("score", "Score every row of a file for hate and antisemitism.") { input, output, textColumn, idColumn, model, mode, band };
        command.SetAction(parse =>
        {
            var options = new ScoreFileOptions(parse.RequiredInput(input), parse.GetValue(output)!)
            {
                TextColumn = parse.GetValue(textColumn)!,
                IdColumn = parse.GetValue(idColumn)!,
            };
            using var detector = CascadeDetector.Create(DetectorFile.Load(parse.GetValue(model)),
                new CascadeOptions { Mode = parse.GetValue(mode), Band = parse.GetValue(band) });
            var lastReport = Stopwatch.StartNew();
            var result = BatchScorer.Run(detector, options, Console.Error, scored =>
            {
                if (lastReport.Elapsed.TotalSeconds < 2) return;
                lastReport.Restart();
                Console.Error.WriteLine($"vigil score: {scored:N0} rows scored");
            });
            Console.Error.WriteLine($"vigil score: {result.Scored:N0} rows scored, {result.Skipped:N0} skipped, " +
                                    $"{result.Unsupported:N0} in unsupported languages, {result.Flagged:N0} flagged hateful, " +
                                    $"{result.SecondStage:N0} decided by the encoder (mode {CascadeCli.Name(detector.Options.Mode)}); " +
                                    $"{result.Elapsed.TotalSeconds:F1} s ({result.RowsPerSecond:N0} rows/s) → {options.OutputPath}");
            return result.Skipped > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }
}
