using System.CommandLine;
using Microsoft.Data.Sqlite;
using Spectre.Console;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil stats [--db PATH]</c>: what the database holds.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var db = DatabaseOption.Create();
        var command = new Command("stats", "Show how many accounts, posts, interactions, assessments and amplifier results the database holds.");
        command.Options.Add(db);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(db)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"vigil stats: {path}: no such database (create one with vigil ingest).");
                return ExitCodes.UsageOrInputError;
            }
            try
            {
                await using var store = new SqliteStore(path);
                await store.MigrateAsync(ct);
                var stats = await store.GetStatsAsync(ct);
                var table = new Table().Title(Markup.Escape(path)).AddColumns("what", "count");
                table.AddRow("accounts", $"{stats.Accounts:N0}");
                table.AddRow("posts", $"{stats.Posts:N0}");
                table.AddRow("interactions", $"{stats.Interactions:N0}");
                table.AddRow("assessments", $"{stats.Assessments:N0}");
                table.AddRow("analysis runs", $"{stats.AnalysisRuns:N0}");
                table.AddRow("bot scores", $"{stats.BotScores:N0}");
                table.AddRow("clusters", $"{stats.Clusters:N0}");
                table.AddRow("cluster members", $"{stats.ClusterMembers:N0}");
                table.AddRow("post amplification rows", $"{stats.PostAmplifications:N0}");
                table.AddRow("weekly amplification rows", $"{stats.WeeklyAmplifications:N0}");
                table.AddRow("first post", stats.FirstPost?.ToString("u") ?? "-");
                table.AddRow("last post", stats.LastPost?.ToString("u") ?? "-");
                AnsiConsole.Write(table);
                return ExitCodes.Success;
            }
            catch (SqliteException e)
            {
                Console.Error.WriteLine($"vigil stats: {path}: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }
}
