using Vigil.Simulation.Oracles;
using Vigil.Simulation.Synthetic;
using System.CommandLine;
using System.Globalization;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Reporting.Transparency;
using Vigil.Simulation;
using Vigil.Storage;
using Vigil.Text;
using Vigil.Text.Csv;

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
        var seed = CommonOptions.Seed("Seed of the populations and the draws.");
        var posts = new Option<int>("--posts") { Description = "Posts in each simulated population.", DefaultValueFactory = _ => 1_000_000 };
        var labels = new Option<int>("--labels-per-sample") { Description = "Labels per sample for the coverage figures.", DefaultValueFactory = _ => 2000 }
            .WithOldName("--labels");
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
        var format = ResultOutput.FormatOption();
        var command = new Command("validate", "Check by simulation that the 95% intervals cover the true prevalence, and what precision costs.")
        {
            replications, seed, posts, labels, separation, slope, offset, lowDivisor, strata, search, output, format,
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
                throw new UsageException("--replications ≥ 1, --posts ≥ 1000, --labels-per-sample ≥ 10, --strata ≥ 1, " +
                                         "--search-replications ≥ 0, --score-slope > 0 and --score-low-divisor > 0 are required.");
            var result = ValidationStudy.Run(options, new Progress<string>(step => Console.Error.WriteLine($"validate: {step}")));

            var coverage = new ResultTable("coverage", "true prevalence", "design", "estimator", "measure", "coverage of 95% CI",
                "mean CI width", "rel. half-width", "labels for ±20%");
            foreach (var row in result.Rows)
            {
                coverage.Add(Cell.Share(row.TruePrevalence), ValidationReport.Name(row.Design), row.Estimator, row.Measure, Cell.Share(row.Coverage),
                    Cell.Share(row.MeanWidth, "P3"), Cell.Share(row.MeanRelativeHalfWidth, "P0"),
                    options.SearchReplications > 0 ? LabelsNeeded(row.LabelsForTargetPrecision) : "not searched");
            }
            var efficiency = new ResultTable("efficiency", "true prevalence", "SRS plain", "SRS model-assisted", "stratified", "bound",
                "stratified ÷ plain", "stratified ÷ SRS m.-a.", "bound ÷ plain");
            foreach (var e in result.Efficiency)
            {
                efficiency.Add(Cell.Share(e.TruePrevalence), LabelsNeeded(e.PlainSimpleRandom), LabelsNeeded(e.ModelAssistedSimpleRandom),
                    LabelsNeeded(e.ScoreStratified), Cell.Number(e.Bound, "N0"), Ratio(e.ScoreStratified, e.PlainSimpleRandom),
                    Ratio(e.ScoreStratified, e.ModelAssistedSimpleRandom), Ratio(e.Bound, e.PlainSimpleRandom));
            }
            ResultOutput.For(parse, format).Write(result.Efficiency.Count > 0 ? [coverage, efficiency] : [coverage]);
            if (parse.GetValue(output) is { } file) File.WriteAllText(file.FullName, result.ToMarkdown());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Cell LabelsNeeded(int? labels) => labels is { } n ? Cell.Count(n) : new Cell(ValidationReport.Labels(null), null);

    private static Cell Ratio(double? numerator, int? denominator) =>
        new(ValidationReport.Ratio(numerator, denominator), numerator / denominator);

    private static Command CreateSample()
    {
        var draw = new DrawOptions();
        var output = new Option<string>("--out") { Description = "Task file to write (CSV).", Required = true };
        var toQueue = new Option<bool>("--to-queue") { Description = "Also queue the sampled posts for labelling in the review queue (same database)." };
        var command = new Command("sample", "Draw a seeded probability sample of a period's original posts and write the labelling task.");
        draw.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(toQueue);
        command.SetAction(async (parse, ct) =>
        {
            await using var drawn = await draw.DrawAsync(parse, ct);
            var sample = drawn.Sample;
            var texts = await MeasureInputs.TextsAsync(await drawn.Database.StoreAsync(ct), sample.Items.Select(item => item.Id), ct);
            using (var writer = new StreamWriter(parse.GetValue(output)!) { NewLine = "\n" })
                LabelsTaskFile.Write(writer, sample, id => texts.GetValueOrDefault(id, ""));
            Console.WriteLine($"vigil measure sample: {sample.Items.Count:N0} posts from a population of {drawn.Population.Posts.Count:N0} " +
                              $"({drawn.Population.Unscored:N0} without an assessment for the model, {drawn.Population.RepostsExcluded:N0} reposts excluded), " +
                              $"{sample.Strata.Count} strata, seed {sample.Seed} -> {parse.GetValue(output)}");
            if (parse.GetValue(toQueue))
            {
                var ids = sample.Items.Select(item => item.Id).ToList();
                var sampleId = LabelsTaskFile.SampleId(Kebab.From(sample.Design), sample.Seed, ids);
                var added = await new LabelQueue(await drawn.Database.LogAsync(ct), TimeProvider.System).EnqueueAsync(sampleId, ids, ct);
                Console.WriteLine($"vigil measure sample: sample {sampleId}: {added:N0} posts queued for labelling (vigil review label-queue).");
            }
            return ExitCodes.Success;
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
        var format = ResultOutput.FormatOption();
        var command = new Command("estimate",
            "Redraw the sample 'vigil measure sample' drew (same options) and estimate prevalence from its labels, with 95% intervals.");
        draw.AddTo(command);
        foreach (var option in new Option[] { labels, oracle, fromLog, output, format }) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var source = await MeasureInputs.LabelSourceAsync(parse, labels, oracle, fromLog, draw.Database, ct);
            await using var drawn = await draw.DrawAsync(parse, ct);
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
                throw new UsageException($"{unlabelled:N0} of the {resolved.Length:N0} sampled posts have no label yet; " +
                                         "an estimate needs every one (reviewers: vigil review label-queue; files: --labels).");
            var table = new ResultTable("estimates", "category", "measure", "estimate", "95% CI lower", "95% CI upper", "positive labels", "labelled posts");
            using var csv = parse.GetValue(output) is { } outPath ? new StreamWriter(outPath) { NewLine = "\n" } : null;
            if (csv is not null)
                CsvFormat.WriteRow(csv, ["category", "measure", "estimate_share", "ci_lower95", "ci_upper95", "positive_labels", "labelled_posts"]);
            foreach (var estimate in MeasureInputs.Estimates(drawn, resolved))
            {
                var value = estimate.Value;
                if (csv is not null) CsvFormat.WriteRow(csv, [estimate.Category, estimate.Measure, Share(value.Value),
                    Share(value.Interval.Lower), Share(value.Interval.Upper),
                    value.PositivePosts.ToString(CultureInfo.InvariantCulture), value.LabelledPosts.ToString(CultureInfo.InvariantCulture)]);
                table.Add(estimate.Category, estimate.Measure, Cell.Share(value.Value, "P3"), Cell.Share(value.Interval.Lower, "P3"),
                    Cell.Share(value.Interval.Upper, "P3"), Cell.Count(value.PositivePosts), Cell.Count(value.LabelledPosts));
            }
            ResultOutput.For(parse, format).Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Share(double value) => value.ToString("F6", CultureInfo.InvariantCulture);

    private static Command CreateLabels()
    {
        var task = MeasureInputs.TaskOption();
        var labels = MeasureInputs.LabelsOption();
        var oracle = MeasureInputs.OracleOption();
        var fromLog = MeasureInputs.LabelsFromLogOption();
        var db = CommonOptions.Database();
        var output = new Option<string?>("--out") { Description = "Write the task's labels as post_id,annotator,label rows here." };
        var format = ResultOutput.FormatOption();
        var command = new Command("labels",
            "Import labels for a task (annotators' files, the review queue's labels or the simulator's truth) and report agreement.")
        {
            task, labels, oracle, fromLog, db, output, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var source = await MeasureInputs.LabelSourceAsync(parse, labels, oracle, fromLog, db, ct);
            var rows = MeasureInputs.ReadTask(parse.RequiredInput(task));
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
            var table = new ResultTable("labels", "what", "count")
                .Add("posts in the task", Cell.Count(rows.Count))
                .Add("labelled posts", Cell.Count(imported.PostIds.Count))
                .Add("annotations", Cell.Count(imported.Count))
                .Add("ties broken (least severe wins)", Cell.Count(ties))
                .Add("Krippendorff's alpha (nominal)", double.IsNaN(alpha) ? new Cell("n/a (no post labelled twice)", null) : Cell.Number(alpha, "F3"));
            foreach (var c in Enum.GetValues<ConsensusClass>()) table.Add($"resolved {Kebab.From(c)}", Cell.Count(classes[(int)c]));
            ResultOutput.For(parse, format).Write(table);
            if (parse.GetValue(output) is { } outPath)
            {
                using var writer = new StreamWriter(outPath) { NewLine = "\n" };
                imported.Write(writer);
            }
            if (unlabelled == 0) return ExitCodes.Success;
            Console.Error.WriteLine($"vigil measure labels: {unlabelled:N0} posts of the task have no label yet.");
            return ExitCodes.RecordsSetAside;
        });
        return command;
    }
}

/// <summary>Options and input handling shared by <c>vigil measure</c> and <c>vigil report</c>.</summary>
internal static class MeasureInputs
{
    /// <summary>A model version (as stored with assessments); <c>--model</c> elsewhere names a model file.</summary>
    public static Option<string?> ModelVersionOption() => new Option<string?>("--model-version")
    {
        Description = "Detector model version whose assessments give the scores (see vigil stats, vigil analyze). Required.",
    }.WithOldName("--model");

    public static string RequiredModelVersion(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) ?? throw new UsageException("--model-version is required.");

    public static Option<string?> TaskOption() => new("--task") { Description = "The task file from vigil measure sample (required)." };

    public static IReadOnlyList<LabelsTaskRow> ReadTask(string path)
    {
        using var reader = Utf8Input.OpenText(path);
        return LabelsTaskFile.Read(reader, path);
    }

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

    public static (DateOnly From, DateOnly To) Period(string text)
    {
        var parts = text.Split("..");
        if (parts.Length == 2 && TryDay(parts[0], out var from) && TryDay(parts[1], out var to) && from < to) return (from, to);
        throw new UsageException($"--period '{text}' must be FROM..TO with yyyy-MM-dd days and FROM before TO.");
    }

    public static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>The labels one of <c>--labels FILE…</c>, <c>--labels-from-log</c> (the log of <c>--db</c>) or <c>--oracle</c> gives.</summary>
    public static async Task<ILabelSource> LabelSourceAsync(ParseResult parse, Option<string[]> labels, Option<string?> oracle,
        Option<bool> fromLog, Option<string> db, CancellationToken ct)
    {
        var labelFiles = parse.GetValue(labels);
        var oraclePath = parse.GetValue(oracle);
        var useLog = parse.GetValue(fromLog);
        if ((labelFiles is { Length: > 0 } ? 1 : 0) + (oraclePath is not null ? 1 : 0) + (useLog ? 1 : 0) != 1)
            throw new UsageException("give one of --labels FILE…, --labels-from-log or --oracle truth.json.");
        if (useLog) return await LogLabelsAsync(parse, db, ct);
        if (oraclePath is not null) return OracleLabels.Load(oraclePath);
        var merged = new AnnotationLabels();
        foreach (var file in labelFiles!)
        foreach (var list in AnnotationLabels.Read(file).All)
        foreach (var annotation in list)
            merged.Add(annotation);
        return merged;
    }

    /// <summary>
    /// The review queue's labels, read only from a log whose hash chain is intact: a figure resting on labels that were
    /// edited after the fact would not be the reviewers' figure.
    /// </summary>
    private static async Task<ReviewLabels> LogLabelsAsync(ParseResult parse, Option<string> db, CancellationToken ct)
    {
        await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
        var events = await (await database.LogAsync(ct)).ReadAllAsync(ct).ToListAsync(ct);
        var verified = LogVerifier.Verify(events);
        if (!verified.Intact)
            throw new IntegrityException($"{database.Location}: the decision log is not intact, its labels are not used: {verified.Message}");
        var labels = ReviewLabels.Read(events);
        foreach (var ignored in labels.Ignored) Console.Error.WriteLine($"{database.Location}: ignored {ignored}");
        Console.Error.WriteLine($"{database.Location}: {labels.Count:N0} review labels on {labels.PostIds.Count:N0} posts " +
                                $"({labels.Superseded:N0} replaced by the same reviewer's later label).");
        return labels;
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
    public static async Task<Dictionary<string, string>> TextsAsync(IVigilStore store, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(wanted.Count, StringComparer.Ordinal);
        await foreach (var post in store.ReadPostsAsync(ct))
            if (wanted.Contains(post.Id)) texts[post.Id] = post.Text;
        return texts;
    }
}

/// <summary>A sample drawn from the store, with the frame and population it came from (to read it through other scores).</summary>
internal sealed record DrawnSample(VigilDatabase Database, PeriodPopulation Population, SamplingFrame Frame, MeasurementSample Sample)
    : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

/// <summary>
/// The options that fix a draw — database, model, period, design, size, seed, score — shared by <c>measure sample</c> and
/// <c>measure estimate</c>, so the estimate redraws exactly the sample that was labelled.
/// </summary>
internal sealed class DrawOptions
{
    public Option<string> Database { get; } = CommonOptions.Database();
    private readonly Option<string?> _model = MeasureInputs.ModelVersionOption();
    private readonly Option<string> _period = new("--period") { Description = "Days to sample from, FROM..TO (yyyy-MM-dd, TO excluded).", Required = true };
    private readonly Option<string> _design = new("--design")
    {
        Description = "simple-random, score-stratified (Neyman allocation) or views-proportional.", DefaultValueFactory = _ => "score-stratified",
    };
    private readonly Option<int> _size = new("--size") { Description = "Labels to collect (draws for views-proportional).", DefaultValueFactory = _ => 400 };
    private readonly Option<int> _seed = CommonOptions.Seed("Seed of the draw; with the same database, the same sample.");
    private readonly Option<string> _score = new("--score") { Description = "Score to stratify on: hateful or antisemitic.", DefaultValueFactory = _ => ScoreKeys.Hateful };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Database, _model, _period, _design, _size, _seed, _score }) command.Options.Add(option);
    }

    /// <summary>Validates the options (a bad one is a <see cref="UsageException"/>) and draws. The caller disposes the sample.</summary>
    public async Task<DrawnSample> DrawAsync(ParseResult parse, CancellationToken ct)
    {
        var (from, to) = MeasureInputs.Period(parse.GetValue(_period)!);
        if (!Kebab.TryParse<SamplingDesign>(parse.GetValue(_design)!, out var design))
            throw new UsageException("--design must be simple-random, score-stratified or views-proportional.");
        var scoreKey = parse.GetValue(_score);
        if (scoreKey is not (ScoreKeys.Hateful or ScoreKeys.Antisemitic) || parse.GetValue(_size) < 1)
            throw new UsageException("--score must be hateful or antisemitic, and --size at least 1.");
        var modelVersion = MeasureInputs.RequiredModelVersion(parse, _model);
        var database = parse.OpenDatabase(Database, DatabaseAccess.Existing);
        try
        {
            var population = await PeriodPopulation.ReadAsync(await database.StoreAsync(ct), modelVersion, from, to, ct);
            var items = new PopulationItem[population.Posts.Count];
            for (var i = 0; i < items.Length; i++)
            {
                var p = population.Posts[i];
                items[i] = new PopulationItem(p.Id, scoreKey == ScoreKeys.Hateful ? p.PHateful : p.PAntisemitic, p.Views);
            }
            var seed = parse.GetValue(_seed);
            var frame = SamplingFrame.Build(items, new SampleOptions { Design = design, Size = parse.GetValue(_size), Seed = seed });
            return new DrawnSample(database, population, frame, frame.Draw(seed));
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }
}
