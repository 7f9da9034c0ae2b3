using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Reporting.Transparency;
using Vigil.Simulation;
using Vigil.Storage;
using Vigil.Storage.Sqlite;
using Vigil.Text.Csv;
using Vigil.Text;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil measure …</c>: sampling, labelling and validation of the prevalence method.</summary>
internal static class MeasureCommand
{
    public static Command Create()
    {
        var command = new Command("measure", "Measure prevalence from a probability sample and human labels.");
        command.Subcommands.Add(CreateSample());
        command.Subcommands.Add(CreateLabels());
        command.Subcommands.Add(CreateEstimate());
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
        var draw = new DrawOptions();
        var output = new Option<string>("--out") { Description = "Task file to write (CSV).", Required = true };
        var toQueue = new Option<bool>("--to-queue") { Description = "Also queue the sampled posts for labelling in the review queue (same database)." };
        var command = new Command("sample", "Draw a seeded probability sample of a period's original posts and write the labelling task.");
        draw.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(toQueue);
        command.SetAction(parse =>
        {
            const string name = "vigil measure sample";
            try
            {
                if (!draw.TryDraw(parse, name, out var drawn)) return ExitCodes.UsageOrInputError;
                using (drawn.Store)
                {
                    var sample = drawn.Sample;
                    var texts = MeasureInputs.Texts(drawn.Store, sample.Items.Select(item => item.Id));
                    using (var writer = new StreamWriter(parse.GetValue(output)!) { NewLine = "\n" })
                        LabelsTaskFile.Write(writer, sample, id => texts.GetValueOrDefault(id, ""));
                    Console.WriteLine($"{name}: {sample.Items.Count:N0} posts from a population of {drawn.Population.Posts.Count:N0} " +
                                      $"({drawn.Population.Unscored:N0} without an assessment for the model, {drawn.Population.RepostsExcluded:N0} reposts excluded), " +
                                      $"{sample.Strata.Count} strata, seed {sample.Seed} -> {parse.GetValue(output)}");
                    if (parse.GetValue(toQueue))
                    {
                        var ids = sample.Items.Select(item => item.Id).ToList();
                        var sampleId = LabelsTaskFile.SampleId(Kebab.From(sample.Design), sample.Seed, ids);
                        using var log = new SqliteDecisionLog(parse.GetValue(draw.Database)!);
                        var added = new LabelQueue(log, TimeProvider.System).Enqueue(sampleId, ids);
                        Console.WriteLine($"{name}: sample {sampleId}: {added:N0} posts queued for labelling (vigil review label-queue).");
                    }
                    return ExitCodes.Success;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or SqliteException or IOException)
            {
                Console.Error.WriteLine($"{name}: {(e is SqliteException ? parse.GetValue(draw.Database) + ": " : "")}{e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }

    private static Command CreateEstimate()
    {
        var draw = new DrawOptions();
        var labels = MeasureInputs.LabelsOption();
        var oracle = MeasureInputs.OracleOption();
        var fromLog = MeasureInputs.LabelsFromLogOption();
        var output = new Option<string?>("--out") { Description = "Also write the estimates as CSV (shares as fractions, 6 decimals)." };
        var command = new Command("estimate",
            "Redraw the sample 'vigil measure sample' drew (same options) and estimate prevalence from its labels, with 95% intervals.");
        draw.AddTo(command);
        foreach (var option in new Option[] { labels, oracle, fromLog, output }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            const string name = "vigil measure estimate";
            try
            {
                if (!MeasureInputs.TryLabelSource(parse.GetValue(labels), parse.GetValue(oracle), parse.GetValue(fromLog),
                        parse.GetValue(draw.Database)!, name, out var source)) return ExitCodes.UsageOrInputError;
                if (!draw.TryDraw(parse, name, out var drawn)) return ExitCodes.UsageOrInputError;
                using (drawn.Store)
                {
                    // Only the drawn posts are looked up: a label of any other post (say, one a reviewer met in the
                    // harm-ordered queue) is no part of the probability sample and never reaches the estimate.
                    var resolved = new ConsensusClass[drawn.Sample.Items.Count];
                    var unlabelled = 0;
                    for (var k = 0; k < resolved.Length; k++)
                    {
                        if (LabelResolution.Resolve(source.For(drawn.Sample.Items[k].Id), out _) is { } label) resolved[k] = label;
                        else unlabelled++;
                    }
                    if (unlabelled > 0)
                    {
                        Console.Error.WriteLine($"{name}: {unlabelled:N0} of the {resolved.Length:N0} sampled posts have no label yet; " +
                                                "an estimate needs every one (reviewers: vigil review label-queue; files: --labels).");
                        return ExitCodes.UsageOrInputError;
                    }
                    var table = new Table().AddColumns("category", "measure", "estimate", "95% CI", "positive labels", "labelled posts");
                    using var csv = parse.GetValue(output) is { } outPath ? new StreamWriter(outPath) { NewLine = "\n" } : null;
                    if (csv is not null)
                        CsvFormat.WriteRow(csv, ["category", "measure", "estimate_share", "ci_lower95", "ci_upper95", "positive_labels", "labelled_posts"]);
                    foreach (var estimate in MeasureInputs.Estimates(drawn, resolved))
                    {
                        if (csv is not null) CsvFormat.WriteRow(csv, [estimate.Category, estimate.Measure, Share(estimate.Value.Value),
                            Share(estimate.Value.Interval.Lower), Share(estimate.Value.Interval.Upper),
                            estimate.Value.PositivePosts.ToString(CultureInfo.InvariantCulture), estimate.Value.LabelledPosts.ToString(CultureInfo.InvariantCulture)]);
                        table.AddRow(estimate.Category, estimate.Measure, estimate.Value.Value.ToString("P3", CultureInfo.InvariantCulture),
                            $"{estimate.Value.Interval.Lower.ToString("P3", CultureInfo.InvariantCulture)} – {estimate.Value.Interval.Upper.ToString("P3", CultureInfo.InvariantCulture)}",
                            estimate.Value.PositivePosts.ToString("N0", CultureInfo.InvariantCulture), estimate.Value.LabelledPosts.ToString("N0", CultureInfo.InvariantCulture));
                    }
                    AnsiConsole.Write(table);
                    return ExitCodes.Success;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or SqliteException or IOException or
                                          LabelsFormatException or InvalidDataException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"{name}: {(e is SqliteException ? parse.GetValue(draw.Database) + ": " : "")}{e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }

    private static string Share(double value) => value.ToString("F6", CultureInfo.InvariantCulture);

    private static Command CreateLabels()
    {
        var task = new Option<string>("--task") { Description = "The task file the labels are for (from vigil measure sample).", Required = true };
        var labels = MeasureInputs.LabelsOption();
        var oracle = MeasureInputs.OracleOption();
        var fromLog = MeasureInputs.LabelsFromLogOption();
        var db = DatabaseOption.Create();
        var output = new Option<string?>("--out") { Description = "Write the task's labels as post_id,annotator,label rows here." };
        var command = new Command("labels",
            "Import labels for a task (annotators' files, the review queue's labels or the simulator's truth) and report agreement.")
        {
            task, labels, oracle, fromLog, db, output,
        };
        command.SetAction(parse =>
        {
            const string name = "vigil measure labels";
            try
            {
                var taskPath = parse.GetValue(task)!;
                IReadOnlyList<LabelsTaskRow> rows;
                using (var reader = Utf8Input.OpenText(taskPath)) rows = LabelsTaskFile.Read(reader, taskPath);
                if (!MeasureInputs.TryLabelSource(parse.GetValue(labels), parse.GetValue(oracle), parse.GetValue(fromLog), parse.GetValue(db)!,
                        name, out var source)) return ExitCodes.UsageOrInputError;

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

    public static Option<bool> LabelsFromLogOption() => new("--labels-from-log")
    {
        Description = "Use the labels reviewers recorded in the decision log of --db (vigil review label); each reviewer is one annotator.",
    };

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

    public static bool TryLabelSource(string[]? labelFiles, string? oraclePath, bool fromLog, string database, string command,
        out ILabelSource source)
    {
        source = null!;
        if ((labelFiles is { Length: > 0 } ? 1 : 0) + (oraclePath is not null ? 1 : 0) + (fromLog ? 1 : 0) != 1)
        {
            Console.Error.WriteLine($"{command}: give one of --labels FILE…, --labels-from-log or --oracle truth.json.");
            return false;
        }
        if (fromLog) return TryLogLabels(database, command, out source);
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

    /// <summary>
    /// The review queue's labels, read only from a log whose hash chain is intact: a figure resting on labels that were
    /// edited after the fact would not be the reviewers' figure.
    /// </summary>
    private static bool TryLogLabels(string database, string command, out ILabelSource source)
    {
        source = null!;
        if (!File.Exists(database))
        {
            Console.Error.WriteLine($"{command}: {database}: no such database for --labels-from-log.");
            return false;
        }
        using var log = new SqliteDecisionLog(database);
        var events = log.ReadAll().ToList();
        var verified = LogVerifier.Verify(events);
        if (!verified.Intact)
        {
            Console.Error.WriteLine($"{command}: {database}: the decision log is not intact, its labels are not used: {verified.Message}");
            return false;
        }
        var labels = ReviewLabels.Read(events);
        foreach (var ignored in labels.Ignored) Console.Error.WriteLine($"{command}: {database}: ignored {ignored}");
        Console.Error.WriteLine($"{command}: {labels.Count:N0} review labels on {labels.PostIds.Count:N0} posts " +
                                $"({labels.Superseded:N0} replaced by the same reviewer's later label).");
        source = labels;
        return true;
    }

    /// <summary>
    /// Every category's estimate from a drawn sample: hateful and antisemitic read through their own scores, each consensus
    /// class through none (no model predicts it), as the transparency report does.
    /// </summary>
    public static IEnumerable<(string Category, string Measure, PrevalenceEstimate Value)> Estimates(DrawnSample drawn, ConsensusClass[] labels)
    {
        var categories = new List<(string Name, Func<ConsensusClass, bool> Includes, Func<PopulationPost, double> Score)>
        {
            (LabelCategories.Hateful, LabelCategories.IsHateful, p => p.PHateful),
            (LabelCategories.Antisemitic, LabelCategories.IsAntisemitic, p => p.PAntisemitic),
        };
        foreach (var c in Enum.GetValues<ConsensusClass>()) categories.Add(("class:" + Kebab.From(c), label => label == c, _ => 0));
        foreach (var (name, includes, score) in categories)
        {
            var scores = new double[drawn.Population.Posts.Count];
            for (var i = 0; i < scores.Length; i++) scores[i] = score(drawn.Population.Posts[i]);
            var sample = drawn.Frame.Rescore(drawn.Sample, scores);
            var positives = new bool[labels.Length];
            for (var k = 0; k < positives.Length; k++) positives[k] = includes(labels[k]);
            var result = PrevalenceEstimator.Estimate(sample, positives, name);
            yield return (name, "posts", result.ByPosts);
            yield return (name, "views", result.ByViews);
        }
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

/// <summary>A sample drawn from the store, with the frame and population it came from (to read it through other scores).</summary>
internal sealed record DrawnSample(IVigilStore Store, PeriodPopulation Population, SamplingFrame Frame, MeasurementSample Sample);

/// <summary>
/// The options that fix a draw — database, model, period, design, size, seed, score — shared by <c>measure sample</c> and
/// <c>measure estimate</c>, so the estimate redraws exactly the sample that was labelled.
/// </summary>
internal sealed class DrawOptions
{
    public Option<string> Database { get; } = DatabaseOption.Create();
    private readonly Option<string> _model = MeasureInputs.ModelOption();
    private readonly Option<string> _period = new("--period") { Description = "Days to sample from, FROM..TO (yyyy-MM-dd, TO excluded).", Required = true };
    private readonly Option<string> _design = new("--design")
    {
        Description = "simple-random, score-stratified (Neyman allocation) or views-proportional.", DefaultValueFactory = _ => "score-stratified",
    };
    private readonly Option<int> _size = new("--size") { Description = "Labels to collect (draws for views-proportional).", DefaultValueFactory = _ => 400 };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of the draw; same seed and database, same sample.", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _score = new("--score") { Description = "Score to stratify on: hateful or antisemitic.", DefaultValueFactory = _ => ScoreKeys.Hateful };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Database, _model, _period, _design, _size, _seed, _score }) command.Options.Add(option);
    }

    /// <summary>Validates the options and draws; false (with the reason on stderr) on a usage error. The caller disposes the store.</summary>
    public bool TryDraw(ParseResult parse, string name, out DrawnSample drawn)
    {
        drawn = null!;
        if (!MeasureInputs.TryPeriod(parse.GetValue(_period)!, name, out var from, out var to)) return false;
        if (!Kebab.TryParse<SamplingDesign>(parse.GetValue(_design)!, out var design))
        {
            Console.Error.WriteLine($"{name}: --design must be simple-random, score-stratified or views-proportional.");
            return false;
        }
        var scoreKey = parse.GetValue(_score);
        if (scoreKey is not (ScoreKeys.Hateful or ScoreKeys.Antisemitic) || parse.GetValue(_size) < 1)
        {
            Console.Error.WriteLine($"{name}: --score must be hateful or antisemitic, and --size at least 1.");
            return false;
        }
        if (!MeasureInputs.TryOpen(parse.GetValue(Database)!, name, out var store)) return false;
        try
        {
            var population = PeriodPopulation.Read(store, parse.GetValue(_model)!, from, to);
            var items = new PopulationItem[population.Posts.Count];
            for (var i = 0; i < items.Length; i++)
            {
                var p = population.Posts[i];
                items[i] = new PopulationItem(p.Id, scoreKey == ScoreKeys.Hateful ? p.PHateful : p.PAntisemitic, p.Views);
            }
            var seed = parse.GetValue(_seed);
            var frame = SamplingFrame.Build(items, new SampleOptions { Design = design, Size = parse.GetValue(_size), Seed = seed });
            drawn = new DrawnSample(store, population, frame, frame.Draw(seed));
            return true;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
