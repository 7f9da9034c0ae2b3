using Vigil.Simulation.Oracles;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vigil.Amplification;
using Vigil.Bots;
using Vigil.Model;
using Vigil.Simulation;
using Vigil.Text;
using Vigil.Text.Csv;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil bots train</c> fits the research bot model; <c>vigil bots eval</c> prints its leave-one-set-out table;
/// <c>vigil bots features</c> exports the labelled sets' feature vectors for analysis elsewhere;
/// <c>vigil bots score</c> scores accounts from Vigil JSONL, X API v2 users, Mastodon account JSON or Bluesky Jetstream
/// exports with the shipped (or a given) model, each with its reasons in words;
/// <c>vigil bots amplification</c> attributes reach to high-bot-score accounts and coordinated clusters.
/// </summary>
internal static class BotsCommand
{
    public static Command Create()
    {
        var command = new Command("bots", "Bot scores: train and evaluate the model, score accounts.");
        command.Subcommands.Add(CreateTrain());
        command.Subcommands.Add(CreateEval());
        command.Subcommands.Add(CreateFeatures());
        command.Subcommands.Add(CreateScore());
        command.Subcommands.Add(CreateAmplification());
        command.Subcommands.Add(CreateSimulatedEvaluation());
        return command;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = "Folder holding the labelled bot sets (caverlee2011, cresci2015, gilani2017, rtbust2019 trained on; jubins2017 and bluesky-parmar2025 only tested on).",
        DefaultValueFactory = _ => Path.Combine("..", "shared", "data", "bots"),
    };

    private static Option<string?> FeaturesOption() =>
        new("--features") { Description = "Comma-separated feature names to use instead of those the recipe chooses (held by two or more training sets, same direction in each)." };

    /// <summary>Reads the research sets and notes what each held; the number of lines set aside over all of them.</summary>
    private static (IReadOnlyList<LabelledSet> Sets, int SetAside) LoadSets(string directory, ResultOutput printed)
    {
        var sets = BotDataSets.LoadAll(directory);
        var setAside = 0;
        foreach (var set in sets)
        {
            printed.Note($"{set.Name} ({Kebab.From(set.Role)}): {set.Accounts.Count} accounts, {set.Accounts.Count(a => a.IsBot)} bots, {set.SetAside.Count} lines set aside");
            foreach (var line in set.SetAside.Take(5)) Console.Error.WriteLine($"  set aside: {line}");
            setAside += set.SetAside.Count;
        }
        return (sets, setAside);
    }

    /// <param name="name">"train" under <c>vigil bots</c>; "bots" under <c>vigil train</c>, the issue's spelling.</param>
    internal static Command CreateTrain(string name = "train")
    {
        var data = DataOption();
        var output = new Option<string?>("--out") { Description = "Where to write the trained model (JSON); not written when omitted." };
        var features = FeaturesOption();
        var format = ResultOutput.FormatOption();
        var command = new Command(name, "Train the research bot model: data selection, calibration and threshold on held-out sets (research use only).")
        {
            data, output, features, format,
        };
        command.SetAction(parse =>
        {
            var chosen = ParseFeatures(parse.GetValue(features));
            var printed = ResultOutput.For(parse, format);
            var (sets, setAside) = LoadSets(parse.GetValue(data)!, printed);
            var model = BotTraining.TrainResearchModel(sets, new BotTrainingOptions(), chosen);
            printed.Write(Weights(model));
            Save(model, parse.GetValue(output), printed);
            return setAside > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateEval()
    {
        var data = DataOption();
        var seed = CommonOptions.Seed("Seed for the within-set folds.", 2011);
        var features = FeaturesOption();
        var simulated = new Option<string[]>("--sim")
        {
            Description = "Output folders of 'vigil simulate' to score with the model trained here (never trained on); repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var relative = new Option<bool>("--relative") { Description = "Experiment (measured and rejected, see the model card): train and test on features relative to each set's own population (medians and robust spreads)." };
        var prior = new Option<bool>("--prior-shift") { Description = "Experiment (measured and rejected, see the model card): adjust each tested set's probabilities to its bot share estimated by EM (Saerens et al. 2002)." };
        var ensemble = new Option<EnsembleVote?>("--ensemble")
        {
            Description = "Experiment (see the model card): one specialist per bot kind (each training set's bots against every set's humans), combined by max or mean, instead of one model.",
        };
        var consistent = new Option<bool>("--sign-consistent") { Description = "With --ensemble: each specialist keeps only the features whose direction agrees in every training set that holds them." };
        var ownHumans = new Option<bool>("--own-humans") { Description = "With --ensemble: each specialist learns its set's bots against that set's humans only." };
        var scale = new Option<string>("--specialist-scale")
        {
            Description = "With --ensemble: own (each specialist's probability), held-out-platt (calibrated on the other training sets) or human-quantile (share of the training humans scored lower).",
            DefaultValueFactory = _ => Kebab.From(SpecialistScale.Own),
        };
        var trainOn = new Option<string?>("--train-on")
        {
            Description = "Experiment (see the model card): comma-separated sets to train on instead of the usual four; the other former training sets become cross-set tests, and jubins2017 is trained on without its self-declared-name and verified shortcuts.",
        };
        var format = ResultOutput.FormatOption();
        var command = new Command("eval", "Leave-one-data-set-out evaluation of the research bot model: AUC, macro-F1, F1, precision and recall per set.")
        {
            data, seed, features, simulated, relative, prior, ensemble, consistent, ownHumans, scale, trainOn, format,
        };
        command.SetAction(parse =>
        {
            var chosen = ParseFeatures(parse.GetValue(features));
            var platforms = (parse.GetValue(simulated) ?? []).Select(SimulatedAccounts.Load).ToArray();
            var printed = ResultOutput.For(parse, format);
            var (sets, setAside) = LoadSets(parse.GetValue(data)!, printed);
            var options = new BotTrainingOptions
            {
                RelativeToPopulation = parse.GetValue(relative), AdjustToPrior = parse.GetValue(prior),
                Ensemble = parse.GetValue(ensemble), SignConsistentSpecialists = parse.GetValue(consistent),
                OwnHumanSpecialists = parse.GetValue(ownHumans), SpecialistScale = Kebab.TryParse<SpecialistScale>(parse.GetValue(scale)!, out var scaled) ? scaled
                    : throw new UsageException("--specialist-scale must be own, held-out-platt or human-quantile."),
            };
            if (parse.GetValue(trainOn) is { } names)
            {
                try { sets = BotDataSets.TrainOn(sets, names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)); }
                catch (ArgumentException bad) { throw new UsageException(bad.Message, bad); }
            }
            var folds = BotTraining.Evaluate(sets, options, parse.GetValue(seed), features: chosen, simulated: platforms);
            printed.Write(Evaluation(folds), FeatureLists(folds), Separations(sets));
            return setAside > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<BotFeature>? ParseFeatures(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return null;
        return list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => BotFeatures.TryParse(name, out var f) ? f
                : throw new FormatException($"--features: unknown feature '{name}' (known: {string.Join(", ", Enum.GetValues<BotFeature>().Select(BotFeatures.NameOf))})"))
            .ToArray();
    }

    private static ResultTable Evaluation(IReadOnlyList<BotFold> folds)
    {
        var table = new ResultTable("evaluation", "protocol", "trained on", "tested on", "accounts", "bots", "AUC", "macro-F1", "F1 (bot)", "precision", "recall", "threshold");
        foreach (var f in folds)
            table.Add(f.Protocol, f.TrainedOn, f.TestedOn, Cell.Count(f.TestAccounts), Cell.Count(f.TestBots), Number(f.Auc),
                Number(f.AtThreshold.MacroF1), Number(f.AtThreshold.F1), Number(f.AtThreshold.Precision), Number(f.AtThreshold.Recall), Number(f.Threshold));
        return table;
    }

    /// <summary>The features each model of <paramref name="folds"/> used, one row per distinct list.</summary>
    private static ResultTable FeatureLists(IReadOnlyList<BotFold> folds)
    {
        var table = new ResultTable("features", "rows", "features") { Title = "features of each model" };
        foreach (var group in folds.GroupBy(f => string.Join(", ", f.Features.Select(BotFeatures.NameOf))))
            table.Add(string.Join("; ", group.Select(f => $"{f.Protocol} {f.TestedOn}").Distinct()), group.Key);
        return table;
    }

    private static ResultTable Separations(IReadOnlyList<LabelledSet> sets)
    {
        var separations = BotTraining.Separations(sets);
        var table = new ResultTable("separations", ["feature", .. sets.Select(s => s.Name)]) { Title = "separation of bots from humans per feature" };
        foreach (var feature in Enum.GetValues<BotFeature>())
        {
            var cells = sets.Select(s => separations.FirstOrDefault(x => x.DataSet == s.Name && x.Feature == feature)).ToArray();
            if (cells.All(c => c is null)) continue;
            table.Add([BotFeatures.NameOf(feature), .. cells.Select(c => c is null ? new Cell("—", null) : new Cell(FeatureContribution.Signed(c.Separation), c.Separation))]);
        }
        return table;
    }

    private static ResultTable Weights(BotModel model)
    {
        var table = new ResultTable("model", "feature", "weight", "mean", "scale", "typical account")
        {
            Title = $"model {model.Version}: threshold {F(model.Threshold)}, bias {F(model.Bias)}; trained on {string.Join(", ", model.TrainedOn)}" +
                    (model.Calibration.Length > 0 ? $"; {model.Calibration}" : ""),
        };
        for (var i = 0; i < model.Features.Count; i++)
            table.Add(BotFeatures.NameOf(model.Features[i]), Number(model.Weights[i]), Number(model.Means[i]), Number(model.Scales[i]),
                model.References is { } references ? Number(references[i]) : new Cell("—", null));
        return table;
    }

    private static void Save(BotModel model, string? path, ResultOutput printed)
    {
        if (path is null) return;
        using (var stream = File.Create(path)) model.Save(stream);
        printed.Note($"model written to {path}");
    }

    private static Cell Number(double value) => Cell.Number(value, "0.000");

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static Command CreateFeatures()
    {
        var data = DataOption();
        var output = new Option<string>("--out") { Description = "CSV: set, role, bot (1/0), then every feature by name; empty where the set does not hold it.", Required = true };
        var command = new Command("features", "Export every labelled account's features as training computes them, for analysis outside Vigil (bench/bots/transfer.py).")
        {
            data, output,
        };
        command.SetAction(parse =>
        {
            var printed = ResultOutput.Console();
            var (sets, setAside) = LoadSets(parse.GetValue(data)!, printed);
            var outPath = parse.GetValue(output)!;
            var rows = 0;
            using (var writer = new StreamWriter(outPath))
            {
                writer.WriteLine(string.Join(',', ["set", "role", "bot", .. Enum.GetValues<BotFeature>().Select(BotFeatures.NameOf)]));
                foreach (var set in sets)
                {
                    var table = BotFeatures.Table(set);
                    for (var i = 0; i < table.Count; i++, rows++)
                        writer.WriteLine(string.Join(',', [set.Name, Kebab.From(set.Role), set.Accounts[i].IsBot ? "1" : "0",
                            .. table[i].Select(v => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture))]));
                }
            }
            printed.Note($"{rows} accounts of {sets.Count} sets written to {outPath}");
            return setAside > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateScore()
    {
        var input = CommonOptions.Input("Accounts, one JSON object a line: Vigil JSONL, X API v2 users, Mastodon accounts or statuses, Bluesky Jetstream events (profile records, posts).");
        var output = new Option<string>("--out") { Description = "Scores: CSV (id,p_bot,bot,top_features,why), or JSONL when the name ends in .jsonl.", Required = true };
        var modelPath = new Option<string?>("--model") { Description = "A model file from 'vigil bots train --out'; the shipped research model when omitted." };
        var asOf = new Option<string?>("--as-of") { Description = "When the counts in the input were taken (ISO 8601). Omitted: the newest post in the input, else now. Account age is measured to it." };
        var command = new Command("score", "Score accounts from Vigil JSONL, X API v2 users, Mastodon account JSON or Bluesky Jetstream exports.")
        {
            input, output, modelPath, asOf,
        };
        command.SetAction(parse =>
        {
            var inPath = parse.RequiredInput(input);
            var outPath = parse.GetValue(output)!;
            var model = LoadModel(parse.GetValue(modelPath));
            var given = AsOf(parse.GetValue(asOf));
            AccountLinesResult accounts;
            using (var reader = Utf8Input.OpenText(inPath)) accounts = AccountLines.Read(reader, inPath);

            var scorer = new BotScorer(model);
            var behaviours = PostingBehaviour.ByAuthor(accounts.Posts);
            // With posts, the coordination stage runs as in analyze, so every command scores with the same features;
            // without, its features are missing (they add nothing).
            var coordination = accounts.Posts.Count > 0 ? CoordinationSignal.FromPosts(accounts.Posts) : null;
            var (observation, profiles) = accounts.Observe(given, TimeProvider.System);
            Console.WriteLine($"accounts observed at {observation.At:yyyy-MM-ddTHH:mm:ssZ} ({observation.Source})");
            Console.WriteLine(coordination is null
                ? "coordination: no posts in the input, so co-actors and cluster membership are missing"
                : $"coordination: {coordination.Count(c => c.Value.CoActors > 0)} accounts acted in step with another, {coordination.Count(c => c.Value.InCluster)} in coordinated clusters");
            var bots = 0;
            using (var writer = new StreamWriter(outPath))
            {
                var jsonl = outPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
                if (!jsonl) writer.WriteLine("id,p_bot,bot,top_features,why");
                foreach (var profile in profiles)
                {
                    var score = scorer.Score(profile, behaviours.GetValueOrDefault(profile.Id),
                        coordination?.GetValueOrDefault(profile.Id, CoordinationSignal.Alone));
                    if (score.IsBot) bots++;
                    if (jsonl) WriteJsonLine(writer, score);
                    else writer.WriteLine($"{CsvFormat.Quote(score.AccountId)},{score.PBot.ToString("0.0000", CultureInfo.InvariantCulture)},{(score.IsBot ? "true" : "false")},{CsvFormat.Quote(score.TopFeaturesText)},{CsvFormat.Quote(score.Why)}");
                }
            }
            foreach (var line in accounts.SetAside) Console.Error.WriteLine($"set aside: {line}");
            Console.WriteLine($"{accounts.Profiles.Count} accounts scored with {model.Version} (threshold {F(model.Threshold)}): {bots} called bots; {accounts.SetAside.Count} lines set aside; written to {outPath}");
            return accounts.SetAside.Count > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateAmplification()
    {
        var input = CommonOptions.Input("Vigil JSONL with account, post and interaction lines, or a folder of such files.");
        var truth = new Option<string?>("--truth") { Description = "A simulation's truth.json: take clusters and post labels from it, and also report the shares with the true bots." };
        var clusters = new Option<string?>("--clusters") { Description = "CSV cluster_id,account_id of coordinated clusters." };
        var flags = new Option<string?>("--flags") { Description = "CSV post_id,hateful,antisemitic from the content stage." };
        var modelPath = new Option<string?>("--model") { Description = "Bot model file; the shipped research model when omitted." };
        var threshold = new Option<double?>("--bot-threshold") { Description = "Bot probability at or above which an account is high-bot-score; the model's threshold when omitted." };
        var asOf = new Option<string?>("--as-of") { Description = "When the account counts were taken (ISO 8601). Omitted: the end of the simulation with --truth, else the newest post, else now." };
        var postsOut = new Option<string?>("--out-posts") { Description = "Per-post CSV." };
        var weeksOut = new Option<string?>("--out-weeks") { Description = "Per-week CSV, split antisemitic / other-hate / other." };
        var format = ResultOutput.FormatOption();
        var command = new Command("amplification", "Share of reposts and views carried by high-bot-score accounts and coordinated clusters, per post and per week.")
        {
            input, truth, clusters, flags, modelPath, threshold, asOf, postsOut, weeksOut, format,
        };
        command.SetAction(parse =>
        {
            var setAside = new List<string>();
            IReadOnlyList<IReadOnlySet<string>> clusterSets = [];
            IReadOnlyDictionary<string, PostFlags> postFlags = new Dictionary<string, PostFlags>();
            var model = LoadModel(parse.GetValue(modelPath));
            var simulated = parse.GetValue(truth) is { } truthPath ? SimulationTruth.Load(truthPath) : null;
            var given = AsOf(parse.GetValue(asOf)) ?? (simulated is null ? null : SimulatedAccounts.CountsTakenAt(simulated));
            var data = ReadVigilLines(parse.RequiredInput(input));
            setAside.AddRange(data.SetAside);
            if (simulated is not null)
            {
                clusterSets = simulated.Clusters.Select(c => (IReadOnlySet<string>)c.Members.ToHashSet(StringComparer.Ordinal)).ToArray();
                postFlags = simulated.Posts.ToDictionary(p => p.Id, p => new PostFlags(p.Label.IsHateful, p.Label.IsAntisemitic), StringComparer.Ordinal);
            }
            if (parse.GetValue(clusters) is { } clustersPath)
                using (var reader = Utf8Input.OpenText(clustersPath)) clusterSets = AmplificationFiles.ReadClusters(reader, clustersPath, setAside);
            if (parse.GetValue(flags) is { } flagsPath)
                using (var reader = Utf8Input.OpenText(flagsPath)) postFlags = AmplificationFiles.ReadFlags(reader, flagsPath, setAside);

            var scorer = new BotScorer(model);
            var behaviours = PostingBehaviour.ByAuthor(data.Posts);
            // Scores take the coordination stage's findings as analyze does; the clusters reach is attributed to are
            // those given (--truth, --clusters), which may differ.
            var coordination = data.Posts.Count > 0 ? CoordinationSignal.FromPosts(data.Posts) : null;
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            var followers = new Dictionary<string, long>(StringComparer.Ordinal);
            var (observation, profiles) = data.Observe(given, TimeProvider.System);
            foreach (var profile in profiles)
            {
                scores[profile.Id] = scorer.Score(profile, behaviours.GetValueOrDefault(profile.Id),
                    coordination?.GetValueOrDefault(profile.Id, CoordinationSignal.Alone)).PBot;
                followers[profile.Id] = (long)(profile.Followers ?? 0);
            }
            var options = new AmplificationOptions { BotThreshold = parse.GetValue(threshold) ?? model.Threshold };
            var engine = new AmplificationEngine(options);
            var amplification = new AmplificationInput
            {
                Posts = data.Posts, Interactions = data.Interactions, Followers = followers, BotScores = scores,
                Clusters = clusterSets, Flags = postFlags,
            };
            var report = engine.Attribute(amplification);
            var tables = new List<ResultTable> { Weeks("weeks", $"bot scores from {model.Version}, threshold {F(options.BotThreshold)}", report.Weeks) };
            if (simulated is not null)
            {
                // The same attribution with the simulator's true bots: how far the model's shares are from the truth.
                var trueBots = simulated.Accounts.ToDictionary(a => a.Id, a => a.Bot ? 1.0 : 0.0, StringComparer.Ordinal);
                tables.Add(Weeks("weeks_true_bots", "true bots from truth.json", engine.Attribute(amplification with { BotScores = trueBots }).Weeks));
            }
            var printed = ResultOutput.For(parse, format);
            printed.Note($"accounts observed at {observation.At:yyyy-MM-ddTHH:mm:ssZ} ({observation.Source})");
            printed.Write([.. tables]);
            if (parse.GetValue(postsOut) is { } postsPath)
                using (var writer = new StreamWriter(postsPath)) AmplificationFiles.WritePosts(writer, report.Posts);
            if (parse.GetValue(weeksOut) is { } weeksPath)
                using (var writer = new StreamWriter(weeksPath)) AmplificationFiles.WriteWeeks(writer, report.Weeks);
            foreach (var line in setAside) Console.Error.WriteLine($"set aside: {line}");
            printed.Note($"{report.Posts.Count} posts in {report.Weeks.Select(w => w.Week).Distinct().Count()} weeks attributed; {data.Profiles.Count} accounts scored; {clusterSets.Count} clusters; {setAside.Count} lines set aside");
            return setAside.Count > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSimulatedEvaluation()
    {
        var train = new Option<string>("--train") { Description = "Output folder of 'vigil simulate' to train on.", Required = true };
        var test = new Option<string>("--test") { Description = "Output folder of 'vigil simulate' (another seed) to test on.", Required = true };
        var output = new Option<string?>("--out") { Description = "Where to write the profile+behaviour model trained on --train (simulated data only)." };
        var format = ResultOutput.FormatOption();
        var command = new Command("sim-eval", "Bot recovery on simulated platforms: the shipped model, and profile / profile+behaviour models trained on another seed.")
        {
            train, test, output, format,
        };
        command.SetAction(parse =>
        {
            var trainSet = SimulatedAccounts.Load(parse.GetValue(train)!);
            var testSet = SimulatedAccounts.Load(parse.GetValue(test)!);
            var printed = ResultOutput.For(parse, format);
            foreach (var set in new[] { trainSet, testSet })
                printed.Note($"{set.Name}: {set.Accounts.Count} accounts, {set.Accounts.Count(a => a.IsBot)} bots, {set.SetAside.Count} lines set aside");
            var options = new BotTrainingOptions();
            var model = BotTraining.TrainSimulatedModel(trainSet, options);
            printed.Write(Evaluation(BotTraining.EvaluateSimulated(trainSet, testSet, BotModel.Default, options)), Separations([trainSet, testSet]), Weights(model));
            Save(model, parse.GetValue(output), printed);
            return trainSet.SetAside.Count + testSet.SetAside.Count > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }

    private static ResultTable Weeks(string name, string title, IReadOnlyList<WeeklyAmplification> weeks)
    {
        var table = new ResultTable(name, "week", "category", "posts", "reposts", "bot reposts", "cluster reposts", "views", "bot view share",
            "cluster view share", "bot or cluster view share") { Title = $"reach carried by amplifiers ({title})" };
        foreach (var w in weeks)
            table.Add(Cell.Day(w.Week), Kebab.From(w.Category), Cell.Count(w.Posts), Cell.Count(w.Reposts), Cell.Count(w.BotReposts),
                Cell.Count(w.ClusterReposts), Cell.Number(w.Views, "0"), Share(w.BotViewShare), Share(w.ClusterViewShare), Share(w.AmplifierViewShare));
        return table;
    }

    /// <summary>One file, or every <c>*.jsonl</c> in a folder (in name order), read as one stream of lines.</summary>
    private static AccountLinesResult ReadVigilLines(string path)
    {
        if (!Directory.Exists(path))
        {
            using var reader = Utf8Input.OpenText(path);
            return AccountLines.Read(reader, path);
        }
        var parts = Directory.GetFiles(path, "*.jsonl").Order(StringComparer.Ordinal).Select(file =>
        {
            using var reader = Utf8Input.OpenText(file);
            return AccountLines.Read(reader, file);
        }).ToArray();
        if (parts.Length == 0) throw new FileNotFoundException($"no *.jsonl files in '{path}'");
        return new AccountLinesResult(parts.SelectMany(p => p.Profiles).ToArray(), parts.SelectMany(p => p.Posts).ToArray(),
            parts.SelectMany(p => p.Interactions).ToArray(), parts.SelectMany(p => p.SetAside).ToArray());
    }

    private static Cell Share(double share) => Cell.Share(share, "0.0%");

    /// <summary>The <c>--as-of</c> time when given (ISO 8601, UTC unless it says otherwise); the rule in <see cref="ObservationTime"/> otherwise.</summary>
    internal static DateTimeOffset? AsOf(string? asOf) =>
        asOf is null ? null
        : DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new FormatException($"--as-of: '{asOf}' is not an ISO 8601 time");

    /// <summary>A model file from <c>vigil bots train --out</c>, or the shipped research model when none is named.</summary>
    internal static BotModel LoadModel(string? path)
    {
        if (path is null) return BotModel.Default;
        using var stream = File.OpenRead(path);
        return BotModel.Load(stream, path);
    }

    private static void WriteJsonLine(StreamWriter writer, BotScore score)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", score.AccountId);
            json.WriteNumber("p_bot", Math.Round(score.PBot, 4));
            json.WriteBoolean("bot", score.IsBot);
            json.WriteStartArray("top_features");
            foreach (var c in score.TopFeatures)
            {
                json.WriteStartObject();
                json.WriteString("feature", BotFeatures.NameOf(c.Feature));
                json.WriteNumber("value", Math.Round(c.Value, 4));
                json.WriteNumber("contribution", Math.Round(c.Contribution, 4));
                if (!double.IsNaN(c.Typical)) json.WriteNumber("typical", Math.Round(c.Typical, 4));
                json.WriteString("why", c.Describe());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
