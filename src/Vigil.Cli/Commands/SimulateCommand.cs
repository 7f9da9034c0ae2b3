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
        var seed = CommonOptions.Seed("Seed of the platform; with the same options, the same bytes.", defaults.Seed);
        var accounts = new Option<int>("--accounts") { Description = "Number of accounts.", DefaultValueFactory = _ => defaults.Accounts };
        var days = new Option<int>("--days") { Description = "Number of simulated days.", DefaultValueFactory = _ => defaults.Days };
        var output = new Option<string>("--out") { Description = "Output directory (created if missing).", Required = true };
        var start = new Option<string>("--start") { Description = "First day, yyyy-MM-dd (UTC).", DefaultValueFactory = _ => defaults.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var riseDate = new Option<string?>("--rise-date") { Description = "Day hateful posts start rising, yyyy-MM-dd (default: a little after the middle)." };
        var riseFactor = new Option<double>("--rise-factor") { Description = "How many times more hateful posts after the rise date.", DefaultValueFactory = _ => defaults.RiseFactor };
        var baseRate = new Option<double>("--base-rate") { Description = "Share of original posts that are hateful before the rise.", DefaultValueFactory = _ => defaults.BaseHatefulRate };
        var botShare = new Option<double>("--bot-share") { Description = "Share of accounts that are bots.", DefaultValueFactory = _ => defaults.BotShare };
        var clusters = new Option<int?>("--cluster-count") { Description = "Coordinated bot clusters (default: scales with --accounts)." }
            .WithOldName("--clusters");
        var texts = new Option<string?>("--texts") { Description = "Labelled CSV (text,label[,target,explicitness]) to draw texts from instead of the built-in grammar." };

        var command = new Command("simulate", "Write a simulated platform (accounts, posts, interactions as Vigil JSONL) and truth.json.")
        {
            seed, accounts, days, output, start, riseDate, riseFactor, baseRate, botShare, clusters, texts,
        };
        command.SetAction(parse =>
        {
            var options = new SimulationOptions
            {
                Seed = parse.GetValue(seed),
                Accounts = parse.GetValue(accounts),
                Days = parse.GetValue(days),
                Start = Date(parse.GetValue(start)!, "--start"),
                RiseDate = parse.GetValue(riseDate) is { } rise ? Date(rise, "--rise-date") : null,
                RiseFactor = parse.GetValue(riseFactor),
                BaseHatefulRate = parse.GetValue(baseRate),
                BotShare = parse.GetValue(botShare),
                Clusters = parse.GetValue(clusters),
                TextsPath = parse.GetValue(texts),
            };
            var errors = options.Validate();
            if (options.TextsPath is { } path && !File.Exists(path)) errors = [.. errors, $"--texts file '{path}' does not exist."];
            if (errors.Count > 0) throw new UsageException(string.Join(" ", errors));

            var directory = parse.GetValue(output)!;
            var clock = Stopwatch.StartNew();
            var result = Simulator.Run(options, directory);

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

    private static DateOnly Date(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw new UsageException($"{option} '{text}' is not a date in yyyy-MM-dd form.");
}
