using System.CommandLine;
using Spectre.Console;
using Vigil.Policy;

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
                .AddColumns("rule", "acts on", "actions", "proposed for review", "strike");
            foreach (var rule in policy.Rules)
                table.AddRow(Markup.Escape(rule.Id), rule.ActsOnAccount ? "account" : "post",
                    rule.ActsOnAccount ? Model.Kebab.From(rule.AccountAction) : Ladder.Format(rule.Actions),
                    Ladder.Format(rule.Proposed), rule.Strike ? "yes" : "");
            AnsiConsole.Write(table);
            Console.WriteLine($"strikes expire after {policy.StrikeExpiryDays} days; thresholds: " +
                              string.Join(", ", policy.StrikeThresholds.Select(t =>
                                  $"{t.Strikes} -> {Model.Kebab.From(t.Action)}{(t.Days is { } d ? $" {d}d" : "")}")) +
                              $"; appeal window {policy.AppealWindowDays} days.");
            return ExitCodes.Success;
        });

        command.Subcommands.Add(validate);
        command.Subcommands.Add(show);
        return command;
    }
}
