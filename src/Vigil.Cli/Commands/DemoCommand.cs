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
using Vigil.Storage;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil demo [--out DIR]</c>: the whole product on its embedded default in one command. Simulates a small platform
/// with a known truth, ingests it into SQLite, runs every analysis stage, files and resolves simulated appeals, measures
/// prevalence from a probability sample labelled by the simulator's truth standing in for annotators, and writes the
/// transparency report. Prints how well each stage recovered the truth.
/// </summary>
internal static class DemoCommand
{
    private const string Reviewer = "demo-reviewer";
    private const double AppealShare = 0.05;

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

    private static async Task<int> RunAsync(string directory, SimulationOptions simulationOptions, CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        var platform = Path.Combine(directory, "platform");
        var database = Path.Combine(directory, "vigil.db");
        var reportDirectory = Path.Combine(directory, "report");
        Directory.CreateDirectory(directory);
        // A demo starts from nothing, so its figures are its own and not a previous run's.
        foreach (var stale in new[] { database, database + "-wal", database + "-shm", IngestOptions.QuarantinePathFor(database) })
            if (File.Exists(stale)) File.Delete(stale);

        Step($"simulate: {simulationOptions.Accounts:N0} accounts, {simulationOptions.Days} days, seed {simulationOptions.Seed}");
        var simulation = Simulator.Run(simulationOptions, platform);
        Step($"simulate: {simulation.Posts:N0} posts, {simulation.Interactions:N0} interactions → {platform}");

        await using var opened = VigilDatabase.Open(database, DatabaseAccess.CreateIfMissing);
        var store = await opened.StoreAsync(ct);
        var log = await opened.LogAsync(ct);
        string[] files = [.. new[] { "accounts.jsonl", "posts.jsonl", "interactions.jsonl" }.Select(f => Path.Combine(platform, f))];
        var ingest = await Ingestor.IngestAsync(store, files, new IngestOptions { QuarantinePath = IngestOptions.QuarantinePathFor(database) },
            ct: ct);
        Step($"ingest: {ingest.Taken:N0} records taken, {ingest.Duplicates:N0} duplicates, {ingest.Quarantined:N0} quarantined → {database}");

        var policy = EnforcementPolicy.Default;
        var analysis = await AnalysisPipeline.RunAsync(store, log, new AnalysisOptions
        {
            Detector = Detector.LoadDefault(),
            // The research-trained model, never trained on the simulator: the scorecard's bot recovery is a test on
            // a platform it has not seen (models/bots/README.md compares the simulation-calibrated model).
            BotModel = BotModel.Default,
            Policy = policy,
        }, new Progress<string>(Step), ct);

        var engine = await EnforcementEngine.OpenAsync(policy, log, TimeProvider.System, ct: ct);
        var hatefulPosts = simulation.Truth.Posts.Where(p => p.Label.IsHateful).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var bots = simulation.Truth.Accounts.Where(a => a.Bot).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var appeals = await AppealSimulator.RunAsync(engine, decision => WasViolating(decision, hatefulPosts, bots),
            new HumanReviewer(Reviewer), AppealShare, simulationOptions.Seed, ct);
        Step($"appeals: {appeals.Filed:N0} filed, {appeals.Upheld:N0} upheld, {appeals.Overturned:N0} overturned");
        analysis = analysis with { EnforcementSummary = EnforcementSummary.From(engine.State, TimeProvider.System.GetUtcNow()) };

        var assessments = new Dictionary<string, Assessment>(StringComparer.Ordinal);
        await foreach (var assessment in store.ReadAssessmentsAsync(analysis.Assess.ModelVersion, ct)) assessments[assessment.PostId] = assessment;
        var scorecard = TruthScorecard.Compute(simulation.Truth, assessments, analysis.BotScores, analysis.Clusters);

        Step("measure: drawing weekly samples, labelling them from the simulator's truth");
        var build = await TransparencyReport.BuildAsync(store, new TransparencyOptions
        {
            ModelVersion = analysis.Assess.ModelVersion,
            Seed = simulationOptions.Seed,
            ChangeDate = simulation.Truth.RiseDate,
            PolicyVersion = policy.Version,
            SuppliedSections = AnalysisSections.Build(analysis, scorecard),
        }, new OracleLabels(simulation.Truth), ct);
        ReportWriter.Write(build, reportDirectory);

        await PrintDetectionsAsync(store, assessments, ct);
        Print(analysis, scorecard, build.Model, simulation.Truth);
        var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"demo: finished in {seconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        Console.WriteLine($"report: {Path.Combine(reportDirectory, ReportWriter.HtmlFileName)}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The simulated appeal's ground truth: a post decision was right when the post is truly hateful, an automated label
    /// when the account is truly a bot; other account restrictions follow from strikes on posts and stand.
    /// </summary>
    private static bool WasViolating(DecisionStatus decision, HashSet<string> hatefulPosts, HashSet<string> bots)
    {
        var postPrefix = Subjects.Post("");
        if (decision.Subject.StartsWith(postPrefix, StringComparison.Ordinal))
            return hatefulPosts.Contains(decision.Subject[postPrefix.Length..]);
        if (decision.AccountAction == AccountAction.LabelAutomated)
            return bots.Contains(decision.Subject[Subjects.Account("").Length..]);
        return true;
    }

    /// <summary>A few of the most confident detections with the words that moved them, so the verdicts can be read, not just counted.</summary>
    private static async Task PrintDetectionsAsync(IVigilStore store, IReadOnlyDictionary<string, Assessment> assessments,
        CancellationToken ct)
    {
        const int shown = 5;
        var top = assessments.Values.Where(a => a.Antisemitic && a.Evidence.Count > 0)
            .OrderByDescending(a => a.PAntisemitic).ThenBy(a => a.PostId, StringComparer.Ordinal).Take(shown).ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var wanted = top.Select(a => a.PostId).ToHashSet(StringComparer.Ordinal);
        await foreach (var post in store.ReadPostsAsync(ct))
            if (wanted.Contains(post.Id)) texts[post.Id] = post.Text;
        var table = new ResultTable("detections", "post", "p", "code", "consensus", "evidence (spans of the original text)")
        {
            Title = "most confident antisemitism detections, with evidence",
        };
        foreach (var a in top)
        {
            var text = texts.GetValueOrDefault(a.PostId, "");
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
        foreach (var group in analysis.Amplification.Weeks.GroupBy(w => w.Week))
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
    private static void Step(string message) => Console.WriteLine(message);
}
