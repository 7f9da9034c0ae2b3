using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Enforcement;

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
        var db = DecisionLogCli.Database();
        var policy = DecisionLogCli.PolicyFile();
        var decision = new Argument<string>("decision") { Description = "Decision id (see 'vigil export csv')." };
        var by = new Option<string>("--by") { Description = "The appellant's account id.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why.", DefaultValueFactory = _ => "" };
        var command = new Command("file", "File the one appeal a decision allows, within the policy's window.");
        command.Arguments.Add(decision);
        foreach (var option in new Option[] { db, policy, by, reason }) command.Options.Add(option);
        command.SetAction((parse, ct) => WithEngineAsync(parse.GetValue(db)!, parse.GetValue(policy), "appeal file", async engine =>
        {
            await engine.FileAppealAsync(parse.GetValue(decision)!, parse.GetValue(by)!, parse.GetValue(reason)!, ct);
            Console.WriteLine("appeal filed.");
        }));
        return command;
    }

    private static Command Resolve()
    {
        var db = DecisionLogCli.Database();
        var policy = DecisionLogCli.PolicyFile();
        var decision = new Argument<string>("decision") { Description = "Decision id under appeal." };
        var reviewer = new Option<string>("--reviewer") { Description = "The reviewer's id.", Required = true };
        var overturn = new Option<bool>("--overturn") { Description = "Reverse the decision, its strike and what it triggered." };
        var uphold = new Option<bool>("--uphold") { Description = "Keep the decision." };
        var note = new Option<string>("--note") { Description = "Reason, kept in the log.", DefaultValueFactory = _ => "" };
        var command = new Command("resolve", "Uphold or overturn a pending appeal.");
        command.Arguments.Add(decision);
        foreach (var option in new Option[] { db, policy, reviewer, overturn, uphold, note }) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(overturn) == parse.GetValue(uphold))
            {
                Console.Error.WriteLine("vigil appeal resolve: give exactly one of --overturn and --uphold.");
                return ExitCodes.UsageOrInputError;
            }
            return await WithEngineAsync(parse.GetValue(db)!, parse.GetValue(policy), "appeal resolve", async engine =>
            {
                var events = await engine.ResolveAppealAsync(parse.GetValue(decision)!, new HumanReviewer(parse.GetValue(reviewer)!),
                    parse.GetValue(overturn), parse.GetValue(note)!, ct);
                Console.WriteLine($"recorded {events.Count} event(s).");
            });
        });
        return command;
    }

    private static Command Stats()
    {
        var db = DecisionLogCli.Database();
        var command = new Command("stats", "Appeals and overturn rate per rule.");
        command.Options.Add(db);
        command.SetAction(async (parse, ct) =>
        {
            await using var log = DecisionLogCli.OpenExisting(parse.GetValue(db)!, "appeal stats");
            if (log is null) return ExitCodes.UsageOrInputError;
            var table = new Table().AddColumns("rule", "decisions", "appealed", "upheld", "overturned", "pending", "overturn rate");
            foreach (var s in (await EnforcementState.ReplayAsync(log.ReadAllAsync(ct), ct)).AppealStatsByRule())
                table.AddRow(Markup.Escape(s.Rule), N(s.Decisions), N(s.Appealed), N(s.Upheld), N(s.Overturned), N(s.Pending),
                    s.OverturnRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "-");
            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<int> WithEngineAsync(string db, string? policyPath, string name, Func<EnforcementEngine, Task> act)
    {
        var policy = DecisionLogCli.LoadPolicy(policyPath, name);
        await using var log = DecisionLogCli.OpenExisting(db, name);
        if (log is null || policy is null) return ExitCodes.UsageOrInputError;
        try
        {
            await act(await EnforcementEngine.OpenAsync(policy, log, TimeProvider.System));
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is EnforcementException or ArgumentException)
        {
            Console.Error.WriteLine($"vigil {name}: {e.Message}");
            return ExitCodes.UsageOrInputError;
        }
    }
}
