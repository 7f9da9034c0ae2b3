using System.CommandLine;
using System.Globalization;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Storage;
using Vigil.Text;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil policy validate|show|apply</c>.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "Validate, print or apply an enforcement policy.");
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Apply());
        return command;
    }

    private static Command Validate()
    {
        var policy = CommonOptions.Policy();
        var oldFile = Deprecations.OldPositional("FILE", "--policy FILE");
        var command = new Command("validate", "Load a policy and report the first error with its line, column and field.") { policy, oldFile };
        command.SetAction(parse =>
        {
            var file = parse.RequiredInput(policy, oldFile);
            var loaded = EnforcementPolicy.Load(file);
            Console.WriteLine($"{file}: valid, version {loaded.Version}, {loaded.Rules.Count} rules.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var policyOption = CommonOptions.Policy();
        var format = ResultOutput.FormatOption();
        var command = new Command("show", "Print the rules of a policy in the order they are matched.") { policyOption, format };
        command.SetAction(parse =>
        {
            var policy = parse.LoadPolicy(policyOption);
            var output = ResultOutput.For(parse, format);
            var table = new ResultTable("rules", "line", "rule", "acts on", "actions", "proposed for review", "strike")
            {
                Title = $"{policy.Version} (first match wins)",
            };
            foreach (var rule in policy.Rules)
                table.Add(Cell.Count(rule.Line), rule.Id, rule.ActsOnAccount ? "account" : "post",
                    rule.ActsOnAccount ? Kebab.From(rule.AccountAction) : Ladder.Format(rule.Actions),
                    Ladder.Format(rule.Proposed), rule.Strike ? "yes" : "");
            output.Write(table);
            output.Note($"strikes expire after {policy.StrikeExpiryDays} days; thresholds: " +
                        string.Join(", ", policy.StrikeThresholds.Select(t =>
                            $"{t.Strikes} -> {Kebab.From(t.Action)}{(t.Days is { } d ? $" {d}d" : "")}")) +
                        $"; appeal window {policy.AppealWindowDays} days.");
            foreach (var code in Enum.GetValues<ContentCode>())
            {
                var grounds = policy.UnlawfulIn(code);
                if (grounds.Count == 0) continue;
                output.Note($"unlawful {Kebab.From(code)}: " + string.Join("; ", grounds.Select(g =>
                    $"{g.Country} {g.Statute}{(g.ToVerify ? " (to verify)" : "")}")));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs the policy stage alone on a JSONL file of assessed posts (see <see cref="PolicyInputJsonl"/>).</summary>
    private static Command Apply()
    {
        var input = CommonOptions.Input("JSON Lines file of policy inputs.");
        var oldInput = Deprecations.OldPositional("INPUT", "--in FILE");
        var db = CommonOptions.Database();
        var policyOption = CommonOptions.Policy();
        var command = new Command("apply", "Apply the policy to assessed posts and append the decisions to the log.")
        {
            input, oldInput, db, policyOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.RequiredInput(input, oldInput);
            var policy = parse.LoadPolicy(policyOption);
            if (!File.Exists(path)) throw new UsageException($"{path}: no such file.");
            var rejected = 0;
            using var reader = Utf8Input.OpenText(path);
            await using var database = parse.OpenDatabase(db, DatabaseAccess.CreateIfMissing);
            var engine = await EnforcementEngine.OpenAsync(policy, await database.LogAsync(ct), TimeProvider.System, ct: ct);
            var run = await engine.ApplyAsync(PolicyInputJsonl.Read(reader, path, r =>
            {
                rejected++;
                Console.Error.WriteLine($"{r.Source}:{r.Line}: {r.Reason}");
            }), ct: ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.Inputs} inputs under {policy.Version}: {run.Decisions} new decisions, " +
                $"{run.ReviewRequests} review requests, {run.Strikes} strikes, {run.AccountActions} account " +
                $"restrictions, {run.AlreadyDecided} already decided, {run.EventsAppended} events appended, " +
                $"{rejected} lines set aside."));
            return rejected > 0 ? ExitCodes.RecordsSetAside : ExitCodes.Success;
        });
        return command;
    }
}
