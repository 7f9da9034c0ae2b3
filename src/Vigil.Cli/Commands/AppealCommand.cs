using System.CommandLine;
using Vigil.Enforcement;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil appeal file|resolve|stats</c>: one appeal per decision, resolved by a human, overturn rates per rule.</summary>
internal static class AppealCommand
{
    public static Command Create()
    {
        var command = new Command("appeal", "File and resolve appeals against decisions.");
        command.Subcommands.Add(File());
        command.Subcommands.Add(Resolve());
        command.Subcommands.Add(Stats());
        return command;
    }

    private static Command File()
    {
        var db = CommonOptions.Database();
        var policy = CommonOptions.Policy();
        var decision = new Argument<string>("decision") { Description = "Decision id (see 'vigil export csv')." };
        var by = new Option<string>("--by") { Description = "The appellant's account id.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why.", DefaultValueFactory = _ => "" };
        var command = new Command("file", "File the one appeal a decision allows, within the policy's window.") { decision, db, policy, by, reason };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var engine = await EnforcementEngine.OpenAsync(parse.LoadPolicy(policy), await database.LogAsync(ct), TimeProvider.System, ct: ct);
            await engine.FileAppealAsync(parse.GetValue(decision)!, parse.GetValue(by)!, parse.GetValue(reason)!, ct);
            Console.WriteLine("appeal filed.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Resolve()
    {
        var db = CommonOptions.Database();
        var policy = CommonOptions.Policy();
        var decision = new Argument<string>("decision") { Description = "Decision id under appeal." };
        var reviewer = new Option<string>("--reviewer") { Description = "The reviewer's id.", Required = true };
        var overturn = new Option<bool>("--overturn") { Description = "Reverse the decision, its strike and what it triggered." };
        var uphold = new Option<bool>("--uphold") { Description = "Keep the decision." };
        var note = new Option<string>("--note") { Description = "Reason, kept in the log.", DefaultValueFactory = _ => "" };
        var command = new Command("resolve", "Uphold or overturn a pending appeal.") { decision, db, policy, reviewer, overturn, uphold, note };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(overturn) == parse.GetValue(uphold)) throw new UsageException("give exactly one of --overturn and --uphold.");
            var human = ReviewCommand.Reviewer(parse.GetValue(reviewer)!);
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var engine = await EnforcementEngine.OpenAsync(parse.LoadPolicy(policy), await database.LogAsync(ct), TimeProvider.System, ct: ct);
            var events = await engine.ResolveAppealAsync(parse.GetValue(decision)!, human, parse.GetValue(overturn), parse.GetValue(note)!, ct);
            Console.WriteLine($"recorded {events.Count} event(s).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Stats()
    {
        var db = CommonOptions.Database();
        var format = ResultOutput.FormatOption();
        var command = new Command("stats", "Appeals and overturn rate per rule.") { db, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var database = parse.OpenDatabase(db, DatabaseAccess.Existing);
            var table = new ResultTable("appeals", "rule", "decisions", "appealed", "upheld", "overturned", "pending", "overturn rate");
            var state = await EnforcementState.ReplayAsync((await database.LogAsync(ct)).ReadAllAsync(ct), ct);
            foreach (var s in state.AppealStatsByRule())
                table.Add(s.Rule, Cell.Count(s.Decisions), Cell.Count(s.Appealed), Cell.Count(s.Upheld), Cell.Count(s.Overturned),
                    Cell.Count(s.Pending), Cell.Share(s.OverturnRate));
            ResultOutput.For(parse, format).Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
