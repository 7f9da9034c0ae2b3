using System.CommandLine;
using Vigil.Bots;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Pipeline;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil analyze [--db PATH] [--policy FILE] [--bot-model FILE]</c>: runs detection, the amplifier stages and the
/// policy over what the database holds. Re-running with the same model and policy versions adds no decisions.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var policy = CommonOptions.Policy();
        var botModel = new Option<string?>("--bot-model") { Description = "Bot model JSON (default: the shipped research model)." };
        var asOf = new Option<string?>("--as-of") { Description = "When the accounts' counts were taken (ISO 8601); the newest post when omitted. Account age is measured to it." };
        var mode = CascadeCli.ModeOption();
        var timings = new Option<bool>("--timings") { Description = "Prefix each stage's line with wall and CPU time, managed heap and peak RSS so far." };
        var command = new Command("analyze", "Detect, score accounts, find coordinated clusters, attribute reach and apply the policy.")
        {
            db, policy, botModel, asOf, mode, timings,
        };
        command.SetAction(async (parse, ct) =>
        {
            var detector = Detector.LoadDefault();
            // Every post the policy can act on or send to review is decided by the encoder (unless --mode fast).
            using var twoStage = parse.GetValue(mode) == ScoringMode.Fast ? null
                : CascadeDetector.Create(detector, new CascadeOptions { Mode = parse.GetValue(mode), ConfirmFlagged = true });
            var options = new AnalysisOptions
            {
                Detector = detector,
                TwoStage = twoStage,
                BotModel = BotsCommand.LoadModel(parse.GetValue(botModel)),
                AccountsObservedAt = BotsCommand.AsOf(parse.GetValue(asOf)),
                Policy = parse.LoadPolicy(policy),
            };
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var result = await AnalysisPipeline.RunAsync(await database.StoreAsync(ct), await database.LogAsync(ct), options,
                new StageClock(parse.GetValue(timings), Console.Out), ct);
            var run = result.Enforcement;
            Console.WriteLine($"analyze: {result.Assess.Assessed:N0} posts assessed ({result.Assess.Hateful:N0} hateful, " +
                              $"{result.Assess.Antisemitic:N0} antisemitic, {result.Assess.Unsupported:N0} unsupported language) " +
                              $"with {result.Assess.ModelVersion}; {result.BotScores.Values.Count(s => s.IsBot):N0} of {result.BotScores.Count:N0} " +
                              $"accounts scored as bots; {result.Clusters.Count:N0} coordinated clusters; {run.Decisions:N0} new decisions, " +
                              $"{run.ReviewRequests:N0} sent to human review, {run.AlreadyDecided:N0} already decided under these versions " +
                              $"({options.Policy.Version})");
            return ExitCodes.Success;
        });
        return command;
    }
}
