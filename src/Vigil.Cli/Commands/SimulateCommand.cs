using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Vigil.Simulation;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil simulate</c>: writes a seeded simulated platform and its ground truth (docs/SIMULATION.md).</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var defaults = new SimulationOptions();
        var seed = new Option<int>("--seed") { Description = "Random seed; same seed and options, same bytes.", DefaultValueFactory = _ => defaults.Seed };
        var accounts = new Option<int>("--accounts") { Description = "Number of accounts.", DefaultValueFactory = _ => defaults.Accounts };
        var days = new Option<int>("--days") { Description = "Number of simulated days.", DefaultValueFactory = _ => defaults.Days };
        var output = new Option<string>("--out") { Description = "Output directory (created if missing).", Required = true };
        var start = new Option<string>("--start") { Description = "First day, yyyy-MM-dd (UTC).", DefaultValueFactory = _ => defaults.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var riseDate = new Option<string?>("--rise-date") { Description = "Day hateful posts start rising, yyyy-MM-dd (default: a little after the middle)." };
        var riseFactor = new Option<double>("--rise-factor") { Description = "How many times more hateful posts after the rise date.", DefaultValueFactory = _ => defaults.RiseFactor };
        var baseRate = new Option<double>("--base-rate") { Description = "Share of original posts that are hateful before the rise.", DefaultValueFactory = _ => defaults.BaseHatefulRate };
        var botShare = new Option<double>("--bot-share") { Description = "Share of accounts that are bots.", DefaultValueFactory = _ => defaults.BotShare };
        var clusters = new Option<int?>("--clusters") { Description = "Coordinated bot clusters (default: scales with --accounts)." };
        var texts = new Option<string?>("--texts") { Description = "Labelled CSV (text,label[,target,explicitness]) to draw texts from instead of the built-in grammar." };

        var command = new Command("simulate", "Write a simulated platform (accounts, posts, interactions as Vigil JSONL) and truth.json.")
        {
            seed, accounts, days, output, start, riseDate, riseFactor, baseRate, botShare, clusters, texts,
        };
        command.SetAction(parse =>
        {
            if (!TryDate(parse.GetValue(start), "--start", out var startDay) ||
                !TryOptionalDate(parse.GetValue(riseDate), "--rise-date", out var rise))
                return ExitCodes.UsageOrInputError;

            var options = new SimulationOptions
            {
                Seed = parse.GetValue(seed),
                Accounts = parse.GetValue(accounts),
                Days = parse.GetValue(days),
                Start = startDay,
                RiseDate = rise,
                RiseFactor = parse.GetValue(riseFactor),
                BaseHatefulRate = parse.GetValue(baseRate),
                BotShare = parse.GetValue(botShare),
                Clusters = parse.GetValue(clusters),
                TextsPath = parse.GetValue(texts),
            };
            var errors = options.Validate();
            if (options.TextsPath is { } path && !File.Exists(path)) errors = [.. errors, $"--texts file '{path}' does not exist."];
            if (errors.Count > 0)
            {
                foreach (var error in errors) Console.Error.WriteLine($"vigil simulate: {error}");
                return ExitCodes.UsageOrInputError;
            }

            var directory = parse.GetValue(output)!;
            var clock = Stopwatch.StartNew();
            SimulationResult result;
            try
            {
                result = Simulator.Run(options, directory);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"vigil simulate: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }

            foreach (var skipped in result.SkippedTextRows) Console.Error.WriteLine($"vigil simulate: skipped {skipped}");
            var truth = result.Truth;
            var bots = truth.Accounts.Count(a => a.Bot);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"simulated {result.Accounts} accounts ({bots} bots, {truth.Clusters.Count} clusters), {result.Posts} posts " +
                $"({result.Reposts} reposts), {result.Interactions} interactions over {options.Days} days; " +
                $"rise on {truth.RiseDate:yyyy-MM-dd}; wrote {directory} in {clock.Elapsed.TotalSeconds:F1} s"));
            foreach (var week in truth.Weeks)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  week of {week.WeekStart:yyyy-MM-dd}: {week.Posts} original posts, hateful {week.HatefulShareOfPosts:P2} " +
                    $"of posts and {week.HatefulShareOfViews:P2} of views, antisemitic {week.AntisemiticShareOfPosts:P2} / {week.AntisemiticShareOfViews:P2}"));
            }
            if (result.SkippedTextRows.Count > 0)
            {
                Console.Error.WriteLine($"vigil simulate: {result.SkippedTextRows.Count} rows of {options.TextsPath} were skipped.");
                return ExitCodes.RecordsSetAside;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool TryDate(string? text, string option, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        Console.Error.WriteLine($"vigil simulate: {option} '{text}' is not a date in yyyy-MM-dd form.");
        return false;
    }

    private static bool TryOptionalDate(string? text, string option, out DateOnly? date)
    {
        date = null;
        if (text is null) return true;
        if (!TryDate(text, option, out var parsed)) return false;
        date = parsed;
        return true;
    }
}
