using System.CommandLine;
using System.Globalization;
using Vigil.Bots;
using Vigil.DecisionLog;
using Vigil.Detection;
using Vigil.Enforcement;
using Vigil.Ingest;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Pipeline;
using Vigil.Policy;
using Vigil.Reporting.Transparency;
using Vigil.Simulation;
using Vigil.Simulation.Demo;
using Vigil.Simulation.Oracles;
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil demo [--out DIR]</c>: the whole product on its embedded default in one command (<see cref="DemoRun"/> in
/// Vigil.Simulation does the work); this command prints what it found and how well each stage recovered the truth.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for the platform, database and report.", DefaultValueFactory = _ => "vigil-demo" };
        var seed = CommonOptions.Seed("Seed of the simulated platform and of every sample.");
        var accounts = new Option<int>("--accounts") { Description = "Accounts on the simulated platform.", DefaultValueFactory = _ => 2_000 };
        var days = new Option<int>("--days") { Description = "Days simulated.", DefaultValueFactory = _ => 28 };
        var command = new Command("demo", "Simulate a platform, analyse it end to end and write the transparency report.")
        {
            output, seed, accounts, days,
        };
        command.SetAction(async (parse, ct) =>
        {
            var simulation = new SimulationOptions { Seed = parse.GetValue(seed), Accounts = parse.GetValue(accounts), Days = parse.GetValue(days) };
            var problems = simulation.Validate();
            if (problems.Count > 0) throw new UsageException(string.Join(" ", problems));
            return await RunAsync(Path.GetFullPath(parse.GetValue(output)!), simulation, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(string directory, SimulationOptions simulation, CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        var options = new DemoOptions { Directory = directory, Simulation = simulation };
        var demo = await DemoRun.RunAsync(options, new Progress<string>(Console.WriteLine), ct);

        PrintDetections(demo.TopDetections);
        Print(demo.Analysis, demo.Scorecard, demo.Report.Model, demo.Simulation.Truth);
        var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"demo: finished in {seconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        Console.WriteLine($"report: {Path.Combine(options.ReportDirectory, ReportWriter.HtmlFileName)}");
        return ExitCodes.Success;
    }

    /// <summary>A few of the most confident detections with the words that moved them, so the verdicts can be read, not just counted.</summary>
    private static void PrintDetections(IReadOnlyList<ShownDetection> detections)
    {
        var table = new ResultTable("detections", "post", "p", "code", "consensus", "evidence (spans of the original text)")
        {
            Title = "most confident antisemitism detections, with evidence",
        };
        foreach (var (a, text) in detections)
        {
            var evidence = string.Join("; ", a.Evidence.Select(e =>
                $"\"{(e.Start + e.Length <= text.Length ? text.Substring(e.Start, e.Length) : "?")}\" ({e.Feature})"));
            table.Add(a.PostId, P(a.PAntisemitic), Kebab.From(a.Label.Code), Kebab.From(a.Label.Consensus), evidence);
        }
        ResultOutput.Console().Write(table);
    }

    private static void Print(AnalysisResult analysis, TruthScorecard scorecard, ReportModel report, SimulationTruth truth)
    {
        var output = ResultOutput.Console();
        var recovery = new ResultTable("recovery", "what", "precision", "recall", "F1", "TP", "FP", "FN") { Title = "against the simulator's truth" };
        void Row(string what, BinaryScore s) => recovery.Add(what, P(s.Precision), P(s.Recall), P(s.F1), Cell.Count(s.TruePositives), Cell.Count(s.FalsePositives), Cell.Count(s.FalseNegatives));
        Row("antisemitic posts", scorecard.Antisemitic);
        Row("hateful posts (any group)", scorecard.Hateful);
        Row("bot accounts", scorecard.Bots);
        Row("coordinated cluster members", scorecard.ClusterMembers);
        output.Write(recovery);
        Console.WriteLine("cluster recall by kind: " + string.Join(", ", scorecard.ClusterRecallByKind.Select(kv => $"{Kebab.From(kv.Key)} {P(kv.Value)}")));

        var weeks = new ResultTable("amplification", "week", "antisemitic posts", "other hateful posts", "all other posts")
        {
            Title = "amplification: share of views carried by bots and coordinated clusters",
        };
        foreach (var group in analysis.AmplificationWeeks.GroupBy(w => w.Week))
        {
            string Of(Amplification.PostCategory c) => group.FirstOrDefault(w => w.Category == c) is { } w ? P(w.AmplifierViewShare) : "-";
            weeks.Add(Cell.Day(group.Key), Of(Amplification.PostCategory.Antisemitic),
                Of(Amplification.PostCategory.OtherHate), Of(Amplification.PostCategory.Other));
        }
        output.Write(weeks);

        var summary = analysis.EnforcementSummary;
        var actions = new ResultTable("enforcement", "consensus class", "rule", "highest rung", "decisions") { Title = "enforcement: decisions in effect" };
        foreach (var a in summary.Actions) actions.Add(a.Consensus, a.Rule, a.HighestRung, Cell.Count(a.Decisions));
        output.Write(actions);
        Console.WriteLine($"strikes active {summary.StrikesActive:N0}; accounts read-only {summary.AccountsReadOnly:N0}, suspended {summary.AccountsSuspended:N0}, " +
                          $"labelled automated {summary.AccountsLabelledAutomated:N0}; awaiting human review {summary.QueuePending:N0}; " +
                          $"appeals overturned {summary.Appeals.Sum(a => a.Overturned):N0} of {summary.Appeals.Sum(a => a.Upheld + a.Overturned):N0} resolved");

        var prevalence = report.Sections.SelectMany(s => s.Figures).FirstOrDefault(f => f.Id == "prevalence-period");
        if (prevalence is not null)
        {
            var table = new ResultTable("prevalence", [.. prevalence.Columns.Take(5)]) { Title = "prevalence over the period (95% CI), from labelled samples" };
            foreach (var row in prevalence.Rows) table.Add([.. row.Take(5).Select(cell => (Cell)cell)]);
            output.Write(table);
        }
        var trueHateful = truth.Weeks.Sum(w => w.HatefulPosts) / (double)Math.Max(1, truth.Weeks.Sum(w => w.Posts));
        Console.WriteLine($"true hateful share of original posts (simulator): {P(trueHateful)}");
    }

    private static string P(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
}
