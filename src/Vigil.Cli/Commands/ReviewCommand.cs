using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Enforcement;
using Vigil.Policy;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil review queue</c> lists proposals by expected harm; <c>vigil review decide ID --reviewer NAME --approve|--reject</c>
/// records a human decision, the only way a removal or geo-restriction takes effect.
/// </summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var command = new Command("review", "The human review queue.");
        command.Subcommands.Add(Queue());
        command.Subcommands.Add(Decide());
        return command;
    }

    private static Command Queue()
    {
        var db = DecisionLogCli.Database();
        var top = new Option<int>("--top") { Description = "How many to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("queue", "List pending review requests, most expected harm first.");
        command.Options.Add(db);
        command.Options.Add(top);
        command.SetAction(parse =>
        {
            using var log = DecisionLogCli.OpenExisting(parse.GetValue(db)!, "review queue");
            if (log is null) return ExitCodes.UsageOrInputError;
            var queue = EnforcementState.Replay(log.ReadAll()).Queue();
            var table = new Table().AddColumns("expected harm", "subject", "rule", "proposed", "request id");
            foreach (var item in queue.Take(parse.GetValue(top)))
                table.AddRow(item.ExpectedHarm.ToString("0.##", CultureInfo.InvariantCulture), Markup.Escape(item.Subject),
                    Markup.Escape(item.Rule ?? ""), Ladder.Format(item.Proposed), Markup.Escape(item.Id));
            AnsiConsole.Write(table);
            Console.WriteLine($"{queue.Count} pending.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Decide()
    {
        var db = DecisionLogCli.Database();
        var policy = DecisionLogCli.PolicyFile();
        var request = new Argument<string>("request") { Description = "Review request id (from 'vigil review queue')." };
        var reviewer = new Option<string>("--reviewer") { Description = "The reviewer's id.", Required = true };
        var approve = new Option<bool>("--approve") { Description = "Put the proposed actions into effect." };
        var reject = new Option<bool>("--reject") { Description = "Decline the proposal." };
        var note = new Option<string>("--note") { Description = "Reason, kept in the log.", DefaultValueFactory = _ => "" };
        var command = new Command("decide", "Record a human reviewer's decision on a review request.");
        command.Arguments.Add(request);
        foreach (var option in new Option[] { db, policy, reviewer, approve, reject, note }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(approve) == parse.GetValue(reject))
            {
                Console.Error.WriteLine("vigil review decide: give exactly one of --approve and --reject.");
                return ExitCodes.UsageOrInputError;
            }
            var loaded = DecisionLogCli.LoadPolicy(parse.GetValue(policy), "review decide");
            using var log = DecisionLogCli.OpenExisting(parse.GetValue(db)!, "review decide");
            if (log is null || loaded is null) return ExitCodes.UsageOrInputError;
            try
            {
                var engine = new EnforcementEngine(loaded, log, TimeProvider.System);
                var events = engine.DecideReview(parse.GetValue(request)!, new HumanReviewer(parse.GetValue(reviewer)!),
                    parse.GetValue(approve), parse.GetValue(note)!);
                Console.WriteLine($"recorded {events.Count} event(s).");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is EnforcementException or ArgumentException)
            {
                Console.Error.WriteLine($"vigil review decide: {e.Message}");
                return ExitCodes.UsageOrInputError;
            }
        });
        return command;
    }
}
