using System.CommandLine;
using Spectre.Console;
using Vigil.Policy;
using Vigil.Text;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil policy validate FILE</c> and <c>vigil policy show [--policy FILE]</c>.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "Validate or print an enforcement policy.");

        var file = new Argument<string>("file") { Description = "Policy YAML file." };
        var validate = new Command("validate", "Load a policy and report the first error with its line, column and field.");
        validate.Arguments.Add(file);
        validate.SetAction(parse =>
        {
            var policy = DecisionLogCli.LoadPolicy(parse.GetValue(file)!, "policy validate");
            if (policy is null) return ExitCodes.UsageOrInputError;
            Console.WriteLine($"{parse.GetValue(file)}: valid, version {policy.Version}, {policy.Rules.Count} rules.");
            return ExitCodes.Success;
        });

        var policyOption = DecisionLogCli.PolicyFile();
        var show = new Command("show", "Print the rules of a policy in the order they are matched.");
        show.Options.Add(policyOption);
        show.SetAction(parse =>
        {
            var policy = DecisionLogCli.LoadPolicy(parse.GetValue(policyOption), "policy show");
            if (policy is null) return ExitCodes.UsageOrInputError;
            var table = new Table().Title($"[bold]{Markup.Escape(policy.Version)}[/] (first match wins)")
                .AddColumns("line", "rule", "acts on", "actions", "proposed for review", "strike");
            foreach (var rule in policy.Rules)
                table.AddRow(rule.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(rule.Id),
                    rule.ActsOnAccount ? "account" : "post",
                    rule.ActsOnAccount ? Model.Kebab.From(rule.AccountAction) : Ladder.Format(rule.Actions),
                    Ladder.Format(rule.Proposed), rule.Strike ? "yes" : "");
            AnsiConsole.Write(table);
            Console.WriteLine($"strikes expire after {policy.StrikeExpiryDays} days; thresholds: " +
                              string.Join(", ", policy.StrikeThresholds.Select(t =>
                                  $"{t.Strikes} -> {Model.Kebab.From(t.Action)}{(t.Days is { } d ? $" {d}d" : "")}")) +
                              $"; appeal window {policy.AppealWindowDays} days.");
            foreach (var code in Enum.GetValues<Model.ContentCode>())
            {
                var grounds = policy.UnlawfulIn(code);
                if (grounds.Count == 0) continue;
                Console.WriteLine($"unlawful {Model.Kebab.From(code)}: " + string.Join("; ", grounds.Select(g =>
                    $"{g.Country} {g.Statute}{(g.ToVerify ? " (to verify)" : "")}")));
            }
            return ExitCodes.Success;
        });

        command.Subcommands.Add(validate);
        command.Subcommands.Add(show);
        command.Subcommands.Add(Apply());
        return command;
    }

    /// <summary>Runs the policy stage alone on a JSONL file of assessed posts (see <see cref="PolicyInputJsonl"/>).</summary>
    private static Command Apply()
    {
        var input = new Argument<string>("input") { Description = "JSON Lines file of policy inputs." };
        var db = DecisionLogCli.Database();
        var policyOption = DecisionLogCli.PolicyFile();
        var command = new Command("apply", "Apply the policy to assessed posts and append the decisions to the log.");
        command.Arguments.Add(input);
        command.Options.Add(db);
        command.Options.Add(policyOption);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var policy = DecisionLogCli.LoadPolicy(parse.GetValue(policyOption), "policy apply");
            if (policy is null) return ExitCodes.UsageOrInputError;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"vigil policy apply: {path} does not exist.");
                return ExitCodes.UsageOrInputError;
            }
            var rejected = 0;
            using var reader = Utf8Input.OpenText(path);
            using var log = new DecisionLog.SqliteDecisionLog(parse.GetValue(db)!);
            var engine = new Enforcement.EnforcementEngine(policy, log, TimeProvider.System);
            var run = engine.Apply(PolicyInputJsonl.Read(reader, path, r =>
            {
                rejected++;
                Console.Error.WriteLine($"{r.Source}:{r.Line}: {r.Reason}");
            }));
            Console.WriteLine($"{run.Inputs} inputs under {policy.Version}: {run.Decisions} new decisions, " +
                              $"{run.ReviewRequests} review requests, {run.Strikes} strikes, {run.AccountActions} account " +
                              $"restrictions, {run.AlreadyDecided} already decided, {run.EventsAppended} events appended, " +
                              $"{rejected} lines set aside.");
            return rejected > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }
}
