using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Reporting.Transparency;
using Vigil.Simulation;
using Vigil.Storage;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil measure …</c>: sampling, labelling and validation of the prevalence method.</summary>
internal static class MeasureCommand
{
    public static Command Create()
    {
        var command = new Command("measure", "Measure prevalence from a probability sample and human labels.");
        command.Subcommands.Add(CreateSample());
        command.Subcommands.Add(CreateLabels());
        command.Subcommands.Add(CreateValidate());
        return command;
    }

    private static Command CreateValidate()
    {
        var replications = new Option<int>("--replications") { Description = "Samples drawn per design and prevalence.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the populations and the draws.", DefaultValueFactory = _ => 1 };
        var posts = new Option<int>("--posts") { Description = "Posts in each simulated population.", DefaultValueFactory = _ => 1_000_000 };
        var labels = new Option<int>("--labels") { Description = "Labels per sample for the coverage figures.", DefaultValueFactory = _ => 2000 };
        var separation = new Option<double>("--separation")
        {
            Description = "Quality of the simulated classifier as d′ (2.0 ≈ AUC 0.92, 2.5 ≈ 0.96, 3.0 ≈ 0.98, 3.5 ≈ 0.99).", DefaultValueFactory = _ => 2.5,
        };
        var slope = new Option<double>("--score-slope")
        {
            Description = "Miscalibrate the score: s′ = logistic(slope·logit(s) + offset); the ranking stays.", DefaultValueFactory = _ => 1,
        };
        var offset = new Option<double>("--score-offset") { Description = "See --score-slope.", DefaultValueFactory = _ => 0 };
        var lowDivisor = new Option<double>("--score-low-divisor")
        {
            Description = "Divide every (distorted) score below 0.01 by this: a score that misses positives only in its low range.",
            DefaultValueFactory = _ => 1,
        };
        var strata = new Option<int>("--strata")
        {
            Description = "Strata of the score-stratified design.", DefaultValueFactory = _ => new ValidationOptions().StrataCount,
        };
        var search = new Option<int>("--search-replications")
        {
            Description = "Samples per candidate size when searching the labels needed for ±20%; 0 skips the search.",
            DefaultValueFactory = _ => new ValidationOptions().SearchReplications,
        };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the results tables (Markdown) to this file." };
        var command = new Command("validate", "Check by simulation that the 95% intervals cover the true prevalence, and what precision costs.")
        {
            replications, seed, posts, labels, separation, slope, offset, lowDivisor, strata, search, output,
        };
        command.SetAction(parse =>
        {
            var options = new ValidationOptions
            {
                Replications = parse.GetValue(replications),
                Seed = parse.GetValue(seed),
                PopulationPosts = parse.GetValue(posts),
                LabelsPerSample = parse.GetValue(labels),
                ClassifierSeparation = parse.GetValue(separation),
                Distortion = new ScoreDistortion(parse.GetValue(slope), parse.GetValue(offset), parse.GetValue(lowDivisor)),
                StrataCount = parse.GetValue(strata),
                SearchReplications = parse.GetValue(search),
            };
            if (options.Replications < 1 || options.PopulationPosts < 1000 || options.LabelsPerSample < 10 || options.StrataCount < 1 ||
                options.SearchReplications < 0 || options.Distortion.Slope <= 0 || options.Distortion.LowRangeDivisor <= 0)
            {
                Console.Error.WriteLine("vigil measure validate: --replications ≥ 1, --posts ≥ 1000, --labels ≥ 10, --strata ≥ 1, " +
                                        "--search-replications ≥ 0, --score-slope > 0 and --score-low-divisor > 0 are required.");
                return ExitCodes.UsageOrInputError;
            }
            var result = ValidationStudy.Run(options, new Progress<string>(step => Console.Error.WriteLine($"validate: {step}")));

            var table = new Table().AddColumns("true prevalence", "design", "estimator", "measure", "coverage", "mean CI width", "rel. half-width", "labels for ±20%");
            foreach (var row in result.Rows)
            {
                table.AddRow(row.TruePrevalence.ToString("P1", CultureInfo.InvariantCulture), ValidationReport.Name(row.Design), row.Estimator,
                    row.Measure, row.Coverage.ToString("P1", CultureInfo.InvariantCulture), row.MeanWidth.ToString("P3", CultureInfo.InvariantCulture),
                    row.MeanRelativeHalfWidth.ToString("P0", CultureInfo.InvariantCulture),
                    options.SearchReplications > 0 ? ValidationReport.Labels(row.LabelsForTargetPrecision) : "not searched");
            }
            AnsiConsole.Write(table);
            if (result.Efficiency.Count > 0)
            {
                var efficiency = new Table().AddColumns("true prevalence", "SRS plain", "SRS model-assisted", "stratified", "bound",
                    "stratified ÷ plain", "stratified ÷ SRS m.-a.", "bound ÷ plain");
                foreach (var e in result.Efficiency)
                {
                    efficiency.AddRow(e.TruePrevalence.ToString("P1", CultureInfo.InvariantCulture), ValidationReport.Labels(e.PlainSimpleRandom),
                        ValidationReport.Labels(e.ModelAssistedSimpleRandom), ValidationReport.Labels(e.ScoreStratified),
                        e.Bound.ToString("N0", CultureInfo.InvariantCulture), ValidationReport.Ratio(e.ScoreStratified, e.PlainSimpleRandom),
                        ValidationReport.Ratio(e.ScoreStratified, e.ModelAssistedSimpleRandom), ValidationReport.Ratio(e.Bound, e.PlainSimpleRandom));
                }
                AnsiConsole.Write(efficiency);
            }
            if (parse.GetValue(output) is { } file) File.WriteAllText(file.FullName, result.ToMarkdown());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSample()
    {
        var db = DatabaseOption.Create();
        var model = MeasureInputs.ModelOption();
        var period = new Option<string>("--period") { Description = "Days to sample from, FROM..TO (yyyy-MM-dd, TO excluded).", Required = true };
        var design = new Option<string>("--design")
        {
            Description = "simple-random, score-stratified (Neyman allocation) or views-proportional.", DefaultValueFactory = _ => "score-stratified",
        };
        var size = new Option<int>("--size") { Description = "Labels to collect (draws for views-proportional).", DefaultValueFactory = _ => 400 };
        var seed = new Option<long>("--seed") { Description = "Seed of the draw; same seed and database, same sample.", DefaultValueFactory = _ => 1 };
        var score = new Option<string>("--score") { Description = "Score to stratify on: hateful or antisemitic.", DefaultValueFactory = _ => ScoreKeys.Hateful };
        var output = new Option<string>("--out") { Description = "Task file to write (CSV).", Required = true };
        var command = new Command("sample", "Draw a seeded probability sample of a period's original posts and write the labelling task.")
        {
            db, model, period, design, size, seed, score, output,
        };
        command.SetAction(parse =>
        {
            const string name = "vigil measure sample";
            if (!MeasureInputs.TryPeriod(parse.GetValue(period)!, name, out var from, out var to)) return ExitCodes.UsageOrInputError;
            if (!Kebab.TryParse<SamplingDesign>(parse.GetValue(design)!, out var samplingDesign))
            {
                Console.Error.WriteLine($"{name}: --design must be simple-random, score-stratified or views-proportional.");
                return ExitCodes.UsageOrInputError;
            }
            var scoreKey = parse.GetValue(score);
            if (scoreKey is not (ScoreKeys.Hateful or ScoreKeys.Antisemitic) || parse.GetValue(size) < 1)
            {
                Console.Error.WriteLine($"{name}: --score must be hateful or antisemitic, and --size at least 1.");
                return ExitCodes.UsageOrInputError;
            }
            try
            {
                if (!MeasureInputs.TryOpen(parse.GetValue(db)!, name, out var store)) return ExitCodes.UsageOrInputError;
                using (store)
                {
                    var population = PeriodPopulation.Read(store, parse.GetValue(model)!, from, to);
                    var items = new PopulationItem[population.Posts.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        var p = population.Posts[i];
                        items[i] = new PopulationItem(p.Id, scoreKey == ScoreKeys.Hateful ? p.PHateful : p.PAntisemitic, p.Views);
                    }
                    var sample = Sampler.Draw(items, new SampleOptions { Design = samplingDesign, Size = parse.GetValue(size), Seed = parse.GetValue(seed) });
                    var texts = MeasureInputs.Texts(store, sample.Items.Select(item => item.Id));
                    using (var writer = new StreamWriter(parse.GetValue(output)!) { NewLine = "\n" })
                        LabelsTaskFile.Write(writer, sample, id => texts.GetValueOrDefault(id, ""));
                    Console.WriteLine($"{name}: {sample.Items.Count:N0} posts from a population of {population.Posts.Count:N0} " +
                                      $"({population.Unscored:N0} without an assessment for the model, {population.RepostsExcluded:N0} reposts excluded), " +
                                      $"{sample.Strata.Count} strata, seed {sample.Seed} -> {parse.GetValue(output)}");
                    return ExitCodes.Success;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or SqliteException or IOException)
            {
                Console.Error.WriteLine($"{name}: {(e is SqliteException ? parse.GetValue(db) + ": " : "")}{e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }

    private static Command CreateLabels()
    {
        var task = new Option<string>("--task") { Description = "The task file the labels are for (from vigil measure sample).", Required = true };
        var labels = MeasureInputs.LabelsOption();
        var oracle = MeasureInputs.OracleOption();
        var output = new Option<string?>("--out") { Description = "Write the task's labels as post_id,annotator,label rows here." };
        var command = new Command("labels", "Import labels for a task (annotators' files or the simulator's truth) and report agreement.")
        {
            task, labels, oracle, output,
        };
        command.SetAction(parse =>
        {
            const string name = "vigil measure labels";
            try
            {
                var taskPath = parse.GetValue(task)!;
                IReadOnlyList<LabelsTaskRow> rows;
                using (var reader = new StreamReader(taskPath)) rows = LabelsTaskFile.Read(reader, taskPath);
                if (!MeasureInputs.TryLabelSource(parse.GetValue(labels), parse.GetValue(oracle), name, out var source)) return ExitCodes.UsageOrInputError;

                var imported = new AnnotationLabels();
                var unlabelled = 0;
                var ties = 0;
                var classes = new int[Enum.GetValues<ConsensusClass>().Length];
                foreach (var id in rows.Select(r => r.PostId).Distinct(StringComparer.Ordinal))
                {
                    var annotations = source.For(id);
                    if (LabelResolution.Resolve(annotations, out var tied) is not { } label) { unlabelled++; continue; }
                    if (tied) ties++;
                    classes[(int)label]++;
                    foreach (var a in annotations) imported.Add(a);
                }
                var alpha = LabelResolution.Alpha(imported.All);
                var table = new Table().AddColumns("what", "count");
                table.AddRow("posts in the task", rows.Count.ToString("N0", CultureInfo.InvariantCulture));
                table.AddRow("labelled posts", imported.PostIds.Count.ToString("N0", CultureInfo.InvariantCulture));
                table.AddRow("annotations", imported.Count.ToString("N0", CultureInfo.InvariantCulture));
                table.AddRow("ties broken (least severe wins)", ties.ToString("N0", CultureInfo.InvariantCulture));
                table.AddRow("Krippendorff's alpha (nominal)", double.IsNaN(alpha) ? "n/a (no post labelled twice)" : alpha.ToString("F3", CultureInfo.InvariantCulture));
                foreach (var c in Enum.GetValues<ConsensusClass>()) table.AddRow($"resolved {Kebab.From(c)}", classes[(int)c].ToString("N0", CultureInfo.InvariantCulture));
                AnsiConsole.Write(table);
                if (parse.GetValue(output) is { } outPath)
                {
                    using var writer = new StreamWriter(outPath) { NewLine = "\n" };
                    imported.Write(writer);
                }
                if (unlabelled == 0) return ExitCodes.Success;
                Console.Error.WriteLine($"{name}: {unlabelled:N0} posts of the task have no label yet.");
                return ExitCodes.RecordsSetAside;
            }
            catch (Exception e) when (e is LabelsFormatException or IOException or InvalidDataException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"{name}: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }
}

/// <summary>Options and input handling shared by <c>vigil measure</c> and <c>vigil report</c>.</summary>
internal static class MeasureInputs
{
    public static Option<string> ModelOption() => new("--model")
    {
        Description = "Detector model version whose assessments give the scores (see vigil score).", Required = true,
    };

    public static Option<string[]> LabelsOption() => new("--labels")
    {
        Description = "Labels file(s): post_id,annotator,label rows or a filled task file; labels are consensus classes in kebab-case.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string?> OracleOption() => new("--oracle") { Description = "Use the simulator's truth.json as the annotator." };

    public static bool TryPeriod(string text, string command, out DateOnly from, out DateOnly to)
    {
        from = to = default;
        var parts = text.Split("..");
        if (parts.Length == 2 && TryDay(parts[0], out from) && TryDay(parts[1], out to) && from < to) return true;
        Console.Error.WriteLine($"{command}: --period '{text}' must be FROM..TO with yyyy-MM-dd days and FROM before TO.");
        return false;
    }

    public static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static bool TryOpen(string path, string command, out IVigilStore store)
    {
        store = null!;
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{command}: {path}: no such database (create one with vigil ingest).");
            return false;
        }
        var sqlite = new SqliteStore(path);
        sqlite.Migrate();
        store = sqlite;
        return true;
    }

    public static bool TryLabelSource(string[]? labelFiles, string? oraclePath, string command, out ILabelSource source)
    {
        source = null!;
        if ((labelFiles is { Length: > 0 }) == (oraclePath is not null))
        {
            Console.Error.WriteLine($"{command}: give either --labels FILE… or --oracle truth.json.");
            return false;
        }
        if (oraclePath is not null)
        {
            if (!File.Exists(oraclePath)) { Console.Error.WriteLine($"{command}: {oraclePath}: no such truth file."); return false; }
            source = new OracleLabels(SimulationTruth.Load(oraclePath));
            return true;
        }
        var merged = new AnnotationLabels();
        foreach (var file in labelFiles!)
        {
            if (!File.Exists(file)) { Console.Error.WriteLine($"{command}: {file}: no such labels file."); return false; }
            foreach (var list in AnnotationLabels.Read(file).All)
            foreach (var annotation in list)
                merged.Add(annotation);
        }
        source = merged;
        return true;
    }

    /// <summary>The text of the given posts, for task files (one pass over the store; only the wanted texts are kept).</summary>
    public static Dictionary<string, string> Texts(IVigilStore store, IEnumerable<string> ids)
    {
        var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(wanted.Count, StringComparer.Ordinal);
        foreach (var post in store.ReadPosts())
            if (wanted.Contains(post.Id)) texts[post.Id] = post.Text;
        return texts;
    }
}
