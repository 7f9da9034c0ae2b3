using System.CommandLine;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil stats [--db PATH]</c>: what the database holds.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var format = ResultOutput.FormatOption();
        var command = new Command("stats", "Show how many accounts, posts, interactions, assessments and amplifier results the database holds.")
        {
            db, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var stats = await (await database.StoreAsync(ct)).GetStatsAsync(ct);
            var table = new ResultTable("stats", "what", "count") { Title = database.Location }
                .Add("accounts", Cell.Count(stats.Accounts))
                .Add("posts", Cell.Count(stats.Posts))
                .Add("interactions", Cell.Count(stats.Interactions))
                .Add("assessments", Cell.Count(stats.Assessments))
                .Add("analysis runs", Cell.Count(stats.AnalysisRuns))
                .Add("bot scores", Cell.Count(stats.BotScores))
                .Add("clusters", Cell.Count(stats.Clusters))
                .Add("cluster members", Cell.Count(stats.ClusterMembers))
                .Add("post amplification rows", Cell.Count(stats.PostAmplifications))
                .Add("weekly amplification rows", Cell.Count(stats.WeeklyAmplifications))
                .Add("first post", Cell.Time(stats.FirstPost))
                .Add("last post", Cell.Time(stats.LastPost));
            ResultOutput.For(parse, format).Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
