using System.CommandLine;
using System.Globalization;
using Vigil.Enforcement;
using Vigil.Measurement;
using Vigil.Reporting.Transparency;
using Vigil.Storage;
using Vigil.Text.Csv;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil report --db PATH --model-version V --out DIR (--oracle truth.json | --labels FILE… | --labels-from-log)</c> writes the transparency report
/// and its bundle; <c>vigil report --reproduce DIR [--db PATH]</c> recomputes it from the bundle and lists any difference.
/// </summary>
internal static class ReportCommand
{
    private const string Name = "vigil report";
    private const string NeededLabelsFile = "labels-needed.csv";

    public static Command Create()
    {
        var db = CommonOptions.Database();
        var model = MeasureInputs.ModelVersionOption();
        var output = new Option<string?>("--out") { Description = "Folder to write the report into (created if missing)." };
        var reproduce = new Option<string?>("--reproduce") { Description = "Recompute the report in this folder from its manifest.json and compare." };
        var from = new Option<string?>("--from") { Description = "First day, yyyy-MM-dd (default: Monday of the first post's week)." };
        var to = new Option<string?>("--to") { Description = "Day after the last, yyyy-MM-dd (default: the day after the last post)." };
        var size = new Option<int>("--size") { Description = "Labels per week and design.", DefaultValueFactory = _ => 400 };
        var seed = CommonOptions.Seed("Base seed of the weekly samples.");
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
                return await ReproduceAsync(bundle, parse.GetResult(db) is { Implicit: false } ? parse : null, db, ct);

            var outDir = parse.GetValue(output) ?? throw new UsageException("--out and --model-version are required (or --reproduce DIR).");
            var modelVersion = MeasureInputs.RequiredModelVersion(parse, model);
            if (parse.GetValue(size) < 1) throw new UsageException("--size must be at least 1.");
            var options = new TransparencyOptions
            {
                ModelVersion = modelVersion, From = OptionalDay(parse.GetValue(from), "--from"), To = OptionalDay(parse.GetValue(to), "--to"),
                SampleSize = parse.GetValue(size), Seed = parse.GetValue(seed), ChangeDate = OptionalDay(parse.GetValue(changeDate), "--change-date"),
                PolicyVersion = parse.GetValue(policy),
            };
            // The labels load on another thread while the population is read.
            var source = Task.Run(() => MeasureInputs.LabelSourceAsync(parse, labels, oracle, fromLog, db, ct), ct);
            try
            {
                return await WriteAsync(parse, db, parse.GetValue(fromLog), options, outDir, source, ct);
            }
            catch
            {
                // A failure of the labels (a usage mistake, a missing file, a tampered log) is still the one reported, as
                // when they were loaded before the database was opened.
                await ((Task)source).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (source.IsFaulted) await source;
                throw;
            }
        });
        return command;
    }

    /// <summary>Opens the database, builds the report with the labels as they load, and writes it to <paramref name="outDir"/>.</summary>
    private static async Task<int> WriteAsync(ParseResult parse, Option<string> db, bool fromLog, TransparencyOptions options,
        string outDir, Task<ILabelSource> labels, CancellationToken ct)
    {
        await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
        var store = await database.StoreAsync(ct);
        TransparencyBuild build;
        try
        {
            build = await TransparencyReport.BuildAsync(store, options, labels, ct);
        }
        catch (MissingLabelsException e)
        {
            Directory.CreateDirectory(outDir);
            var path = Path.Combine(outDir, NeededLabelsFile);
            WriteNeededLabels(path, e.PostIds, await MeasureInputs.TextsAsync(store, e.PostIds, ct));
            if (!fromLog)
                throw new UsageException($"{e.Message} Their texts are in {path}: fill its label column and pass it with --labels.");
            // Reviewers label in the queue: put the weekly samples' unlabelled posts there, then run again.
            var sampleId = LabelsTaskFile.SampleId("report", options.Seed, e.PostIds);
            var queued = await new LabelQueue(await database.LogAsync(ct), TimeProvider.System).EnqueueAsync(sampleId, e.PostIds, ct);
            throw new UsageException($"{e.Message} {queued:N0} of them newly queued for labelling as sample {sampleId} " +
                                     "(vigil review label-queue); run the report again once they are labelled.");
        }
        var files = ReportWriter.Write(build, outDir);
        // The labels a previous run asked for are in now; a stale request would read as part of the bundle.
        File.Delete(Path.Combine(outDir, NeededLabelsFile));
        Console.WriteLine($"{Name}: {build.Inputs.PopulationPosts:N0} posts, {build.Inputs.Samples.Count} weekly samples, " +
                          $"{files.Count} files -> {outDir}");
        return ExitCodes.Success;
    }

    /// <param name="withDatabase">Set when --db was given: the population is also recomputed from that database.</param>
    private static async Task<int> ReproduceAsync(string bundle, ParseResult? withDatabase, Option<string> db, CancellationToken ct)
    {
        ReproduceResult result;
        if (withDatabase is not null)
        {
            await using var database = withDatabase.OpenDatabase(db, DatabaseAccess.Existing);
            result = await ReportBundle.ReproduceAsync(bundle, await database.StoreAsync(ct), ct);
        }
        else
        {
            result = await ReportBundle.ReproduceAsync(bundle, ct: ct);
        }
        if (!result.Matches)
        {
            foreach (var difference in result.Differences) Console.WriteLine($"differs: {difference}");
            throw new IntegrityException($"{result.Differences.Count} differences between the bundle and its recomputation.");
        }
        Console.WriteLine($"{Name}: reproduced {result.FilesCompared.Count} files byte for byte from {bundle}/manifest.json" +
                          (withDatabase is null ? "." : "; the database's population still hashes the same."));
        return ExitCodes.Success;
    }

    private static void WriteNeededLabels(string path, IReadOnlyList<string> ids, Dictionary<string, string> texts)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        writer.Write("post_id,text,label\n");
        foreach (var id in ids)
            writer.Write($"{CsvFormat.Quote(id)},{CsvFormat.Quote(texts.GetValueOrDefault(id, ""))},\n");
    }

    private static DateOnly? OptionalDay(string? text, string option) =>
        text is null ? null
        : MeasureInputs.TryDay(text, out var day) ? day
        : throw new UsageException($"{option} '{text}' is not a yyyy-MM-dd day.");
}
