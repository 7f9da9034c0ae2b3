using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Measurement;
using Vigil.Reporting.Transparency;
using Vigil.Text.Csv;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil report --db PATH --model V --out DIR (--oracle truth.json | --labels FILE… | --labels-from-log)</c> writes the transparency report
/// and its bundle; <c>vigil report --reproduce DIR [--db PATH]</c> recomputes it from the bundle and lists any difference.
/// </summary>
internal static class ReportCommand
{
    private const string Name = "vigil report";
    private const string NeededLabelsFile = "labels-needed.csv";

    public static Command Create()
    {
        var db = DatabaseOption.Create();
        var model = new Option<string?>("--model") { Description = "Detector model version whose assessments give the stratification scores." };
        var output = new Option<string?>("--out") { Description = "Folder to write the report into (created if missing)." };
        var reproduce = new Option<string?>("--reproduce") { Description = "Recompute the report in this folder from its manifest.json and compare." };
        var from = new Option<string?>("--from") { Description = "First day, yyyy-MM-dd (default: Monday of the first post's week)." };
        var to = new Option<string?>("--to") { Description = "Day after the last, yyyy-MM-dd (default: the day after the last post)." };
        var size = new Option<int>("--size") { Description = "Labels per week and design.", DefaultValueFactory = _ => 400 };
        var seed = new Option<long>("--seed") { Description = "Base seed of the weekly samples.", DefaultValueFactory = _ => 1 };
        var changeDate = new Option<string?>("--change-date") { Description = "Compare the weeks starting on or after this day (yyyy-MM-dd) with those before." };
        var policy = new Option<string?>("--policy-version") { Description = "Policy version to record in the manifest." };
        var labels = MeasureInputs.LabelsOption();
        var oracle = MeasureInputs.OracleOption();
        var fromLog = MeasureInputs.LabelsFromLogOption();
        var command = new Command("report", "Write the transparency report (HTML, JSON, CSV, charts) and its reproducibility bundle, or check a bundle.")
        {
            db, model, output, reproduce, from, to, size, seed, changeDate, policy, labels, oracle, fromLog,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(reproduce) is { } bundle)
                return await ReproduceAsync(bundle, parse.GetResult(db) is { Implicit: false } ? parse.GetValue(db) : null, ct);

            var outDir = parse.GetValue(output);
            var modelVersion = parse.GetValue(model);
            if (outDir is null || modelVersion is null)
            {
                Console.Error.WriteLine($"{Name}: --out and --model are required (or --reproduce DIR).");
                return ExitCodes.UsageOrInputError;
            }
            if (!TryOptionalDay(parse.GetValue(from), "--from", out var fromDay) || !TryOptionalDay(parse.GetValue(to), "--to", out var toDay) ||
                !TryOptionalDay(parse.GetValue(changeDate), "--change-date", out var change))
                return ExitCodes.UsageOrInputError;
            if (parse.GetValue(size) < 1)
            {
                Console.Error.WriteLine($"{Name}: --size must be at least 1.");
                return ExitCodes.UsageOrInputError;
            }
            try
            {
                if (await MeasureInputs.TryLabelSourceAsync(parse.GetValue(labels), parse.GetValue(oracle), parse.GetValue(fromLog),
                        parse.GetValue(db)!, Name, ct) is not { } source) return ExitCodes.UsageOrInputError;
                if (await MeasureInputs.TryOpenAsync(parse.GetValue(db)!, Name, ct) is not { } store) return ExitCodes.UsageOrInputError;
                await using (store)
                {
                    var options = new TransparencyOptions
                    {
                        ModelVersion = modelVersion, From = fromDay, To = toDay, SampleSize = parse.GetValue(size),
                        Seed = parse.GetValue(seed), ChangeDate = change, PolicyVersion = parse.GetValue(policy),
                    };
                    TransparencyBuild build;
                    try
                    {
                        build = await TransparencyReport.BuildAsync(store, options, source, ct);
                    }
                    catch (MissingLabelsException e)
                    {
                        Directory.CreateDirectory(outDir);
                        var path = Path.Combine(outDir, NeededLabelsFile);
                        WriteNeededLabels(path, e.PostIds, await MeasureInputs.TextsAsync(store, e.PostIds, ct));
                        if (!parse.GetValue(fromLog))
                        {
                            Console.Error.WriteLine($"{Name}: {e.Message} Their texts are in {path}: fill its label column and pass it with --labels.");
                            return ExitCodes.UsageOrInputError;
                        }
                        // Reviewers label in the queue: put the weekly samples' unlabelled posts there, then run again.
                        var sampleId = LabelsTaskFile.SampleId("report", options.Seed, e.PostIds);
                        await using var log = new SqliteDecisionLog(parse.GetValue(db)!);
                        var queued = await new LabelQueue(log, TimeProvider.System).EnqueueAsync(sampleId, e.PostIds, ct);
                        Console.Error.WriteLine($"{Name}: {e.Message} {queued:N0} of them newly queued for labelling as sample {sampleId} " +
                                                "(vigil review label-queue); run the report again once they are labelled.");
                        return ExitCodes.UsageOrInputError;
                    }
                    var files = ReportWriter.Write(build, outDir);
                    // The labels a previous run asked for are in now; a stale request would read as part of the bundle.
                    File.Delete(Path.Combine(outDir, NeededLabelsFile));
                    Console.WriteLine($"{Name}: {build.Inputs.PopulationPosts:N0} posts, {build.Inputs.Samples.Count} weekly samples, " +
                                      $"{files.Count} files -> {outDir}");
                    return ExitCodes.Success;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or SqliteException or IOException or
                                          LabelsFormatException or InvalidDataException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"{Name}: {(e is SqliteException ? parse.GetValue(db) + ": " : "")}{e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }

    private static async Task<int> ReproduceAsync(string bundle, string? dbPath, CancellationToken ct)
    {
        try
        {
            ReproduceResult result;
            if (dbPath is not null)
            {
                if (await MeasureInputs.TryOpenAsync(dbPath, Name, ct) is not { } store) return ExitCodes.UsageOrInputError;
                await using (store) result = await ReportBundle.ReproduceAsync(bundle, store, ct);
            }
            else
            {
                result = await ReportBundle.ReproduceAsync(bundle, ct: ct);
            }
            if (result.Matches)
            {
                Console.WriteLine($"{Name}: reproduced {result.FilesCompared.Count} files byte for byte from {bundle}/manifest.json" +
                                  (dbPath is null ? "." : "; the database's population still hashes the same."));
                return ExitCodes.Success;
            }
            foreach (var difference in result.Differences) Console.WriteLine($"differs: {difference}");
            Console.Error.WriteLine($"{Name}: {result.Differences.Count} differences between the bundle and its recomputation.");
            return ExitCodes.RecordsSetAside;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or SqliteException or InvalidOperationException)
        {
            Console.Error.WriteLine($"{Name}: {e.Message}");
            return ExitCodes.UsageOrInputError;
        }
    }

    private static void WriteNeededLabels(string path, IReadOnlyList<string> ids, Dictionary<string, string> texts)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        writer.Write("post_id,text,label\n");
        foreach (var id in ids)
            writer.Write($"{CsvFormat.Quote(id)},{CsvFormat.Quote(texts.GetValueOrDefault(id, ""))},\n");
    }

    private static bool TryOptionalDay(string? text, string option, out DateOnly? day)
    {
        day = null;
        if (text is null) return true;
        if (MeasureInputs.TryDay(text, out var parsed)) { day = parsed; return true; }
        Console.Error.WriteLine($"{Name}: {option} '{text}' is not a yyyy-MM-dd day.");
        return false;
    }
}
