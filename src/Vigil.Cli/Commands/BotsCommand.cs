using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Bots;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil bots train</c> fits and evaluates the profile bot model on the research sets; <c>vigil bots score</c> scores
/// accounts from Vigil account JSONL or X API v2 user objects with the shipped (or a given) model.
/// </summary>
internal static class BotsCommand
{
    public static Command Create()
    {
        var command = new Command("bots", "Bot scores: train and evaluate the model, score accounts.");
        command.Subcommands.Add(CreateTrain());
        command.Subcommands.Add(CreateScore());
        return command;
    }

    private static Command CreateTrain()
    {
        var data = new Option<string>("--data")
        {
            Description = "Folder holding the labelled bot sets (caverlee2011, cresci2015, gilani2017).",
            DefaultValueFactory = _ => Path.Combine("..", "shared", "data", "bots"),
        };
        var output = new Option<string?>("--out") { Description = "Where to write the trained model (JSON); not written when omitted." };
        var evaluate = new Option<bool>("--eval") { Description = "Evaluate leave-one-data-set-out and within each set; print the table." };
        var seed = new Option<int>("--seed") { Description = "Seed for the within-set folds.", DefaultValueFactory = _ => 2011 };
        var features = new Option<string?>("--features") { Description = "Comma-separated feature names to use instead of those all sets share." };
        var command = new Command("train", "Train the profile bot model on the research sets (research use only).")
        {
            data, output, evaluate, seed, features,
        };
        command.SetAction(parse =>
        {
            IReadOnlyList<LabelledSet> sets;
            IReadOnlyList<BotFeature>? chosen;
            try
            {
                sets = BotDataSets.LoadAll(parse.GetValue(data)!);
                chosen = ParseFeatures(parse.GetValue(features));
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                Console.Error.WriteLine($"vigil bots train: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
            var setAside = 0;
            foreach (var set in sets)
            {
                Console.WriteLine($"{set.Name}: {set.Accounts.Count} accounts, {set.Accounts.Count(a => a.IsBot)} bots, {set.SetAside.Count} lines set aside");
                foreach (var line in set.SetAside.Take(5)) Console.Error.WriteLine($"  set aside: {line}");
                setAside += set.SetAside.Count;
            }
            var options = new BotTrainingOptions();
            if (parse.GetValue(evaluate))
            {
                PrintEvaluation(BotTraining.Evaluate(sets, options, parse.GetValue(seed), features: chosen));
                PrintSeparations(sets);
            }
            var model = BotTraining.TrainProfileModel(sets, options, chosen);
            PrintModel(model);
            if (parse.GetValue(output) is { } path)
            {
                using (var stream = File.Create(path)) model.Save(stream);
                Console.WriteLine($"model written to {path}");
            }
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

    private static void PrintEvaluation(IReadOnlyList<BotFold> folds)
    {
        var table = new Table().AddColumns("protocol", "trained on", "tested on", "accounts", "AUC", "F1", "precision", "recall", "threshold");
        foreach (var f in folds)
            table.AddRow(f.Protocol, f.TrainedOn, f.TestedOn, f.TestAccounts.ToString(CultureInfo.InvariantCulture), F(f.Auc),
                F(f.AtThreshold.F1), F(f.AtThreshold.Precision), F(f.AtThreshold.Recall), F(f.Threshold));
        AnsiConsole.Write(table);
        // A plain Markdown copy for docs/EVALUATION.md, so the published table is exactly what was printed.
        Console.WriteLine("| protocol | trained on | tested on | accounts | features | AUC | F1 | precision | recall | threshold |");
        Console.WriteLine("|---|---|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var f in folds)
            Console.WriteLine($"| {f.Protocol} | {f.TrainedOn} | {f.TestedOn} | {f.TestAccounts} | {string.Join(", ", f.Features.Select(BotFeatures.NameOf))} | {F(f.Auc)} | {F(f.AtThreshold.F1)} | {F(f.AtThreshold.Precision)} | {F(f.AtThreshold.Recall)} | {F(f.Threshold)} |");
    }

    private static void PrintSeparations(IReadOnlyList<LabelledSet> sets)
    {
        var separations = BotTraining.Separations(sets);
        Console.WriteLine();
        Console.WriteLine("| feature | " + string.Join(" | ", sets.Select(s => s.Name)) + " |");
        Console.WriteLine("|---|" + string.Concat(sets.Select(_ => "---:|")));
        foreach (var feature in Enum.GetValues<BotFeature>())
        {
            var cells = sets.Select(s => separations.FirstOrDefault(x => x.DataSet == s.Name && x.Feature == feature)).ToArray();
            if (cells.All(c => c is null)) continue;
            Console.WriteLine($"| {BotFeatures.NameOf(feature)} | " + string.Join(" | ", cells.Select(c => c is null ? "—" : c.Separation.ToString("+0.00;-0.00", CultureInfo.InvariantCulture))) + " |");
        }
    }

    private static void PrintModel(BotModel model)
    {
        Console.WriteLine($"model {model.Version}: threshold {F(model.Threshold)}, bias {F(model.Bias)}; trained on {string.Join(", ", model.TrainedOn)}");
        for (var i = 0; i < model.Features.Count; i++)
            Console.WriteLine($"  {BotFeatures.NameOf(model.Features[i]),-28} weight {F(model.Weights[i]),7} (mean {F(model.Means[i])}, scale {F(model.Scales[i])})");
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static Command CreateScore()
    {
        var command = new Command("score", "Score accounts (Vigil account JSONL or X API v2 user objects, one a line).");
        return command;
    }
}
