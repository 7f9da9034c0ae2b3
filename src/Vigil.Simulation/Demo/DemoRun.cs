using Vigil.Bots;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Enforcement;
using Vigil.Ingest;
using Vigil.Model;
using Vigil.Pipeline;
using Vigil.Policy;
using Vigil.Reporting.Transparency;
using Vigil.Simulation.Oracles;
using Vigil.Storage;

namespace Vigil.Simulation.Demo;

/// <summary>Where a demo writes and what it simulates.</summary>
public sealed record DemoOptions
{
    /// <summary>The folder for the platform, the database and the report.</summary>
    public required string Directory { get; init; }
    public required SimulationOptions Simulation { get; init; }
    /// <summary>Share of the decisions in force that the simulated users appeal.</summary>
    public double AppealShare { get; init; } = 0.05;
    public string Reviewer { get; init; } = "demo-reviewer";
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string PlatformDirectory => Path.Combine(Directory, "platform");
    public string DatabasePath => Path.Combine(Directory, "vigil.db");
    public string ReportDirectory => Path.Combine(Directory, "report");
}

/// <summary>A confident detection with the text it was made on, for showing verdicts rather than counts.</summary>
public sealed record ShownDetection(Assessment Assessment, string Text);

/// <summary>Everything a demo produced, for a host to print or serve; the report is already written.</summary>
public sealed record DemoResult(
    SimulationResult Simulation,
    IngestSummary Ingest,
    AnalysisResult Analysis,
    SimulatedAppeals Appeals,
    TruthScorecard Scorecard,
    TransparencyBuild Report,
    IReadOnlyList<ShownDetection> TopDetections);

/// <summary>
/// The demo: simulates a platform with a known truth, ingests it, runs the engine's analysis pipeline, files and
/// resolves simulated appeals, measures prevalence from samples labelled by the simulator's truth standing in for
/// annotators, and writes the transparency report. One orchestration, so every host (the CLI's <c>vigil demo</c>, the
/// server) runs the same steps; hosts only print.
/// </summary>
public static class DemoRun
{
    private const int ShownDetections = 5;

    public static async Task<DemoResult> RunAsync(DemoOptions options, IProgress<string> progress, CancellationToken ct = default)
    {
        var simulationOptions = options.Simulation;
        var database = options.DatabasePath;
        Directory.CreateDirectory(options.Directory);
        // A demo starts from nothing, so its figures are its own and not a previous run's.
        foreach (var stale in new[] { database, database + "-wal", database + "-shm", IngestOptions.QuarantinePathFor(database) })
            if (File.Exists(stale)) File.Delete(stale);

        progress.Report($"simulate: {simulationOptions.Accounts:N0} accounts, {simulationOptions.Days} days, seed {simulationOptions.Seed}");
        var simulation = Simulator.Run(simulationOptions, options.PlatformDirectory);
        progress.Report($"simulate: {simulation.Posts:N0} posts, {simulation.Interactions:N0} interactions → {options.PlatformDirectory}");

        await using var opened = VigilDatabase.Open(database, DatabaseAccess.CreateIfMissing);
        var store = await opened.StoreAsync(ct);
        var log = await opened.LogAsync(ct);
        string[] files = [.. new[] { "accounts.jsonl", "posts.jsonl", "interactions.jsonl" }.Select(f => Path.Combine(options.PlatformDirectory, f))];
        var ingest = await Ingestor.IngestAsync(store, files, new IngestOptions { QuarantinePath = IngestOptions.QuarantinePathFor(database) },
            ct: ct);
        progress.Report($"ingest: {ingest.Taken:N0} records taken, {ingest.Duplicates:N0} duplicates, {ingest.Quarantined:N0} quarantined → {database}");

        var policy = EnforcementPolicy.Default;
        // The detector `vigil analyze` runs by default: the encoder decides every post an action or review depends on.
        var detector = Detector.LoadDefault();
        using var twoStage = CascadeDetector.Create(detector, new CascadeOptions { ConfirmFlagged = true });
        var analysis = await AnalysisPipeline.RunAsync(store, log, new AnalysisOptions
        {
            Detector = detector,
            TwoStage = twoStage,
            // The research-trained model, never trained on the simulator: the scorecard's bot recovery is a test on
            // a platform it has not seen (models/bots/README.md compares the simulation-calibrated model).
            BotModel = BotModel.Default,
            Policy = policy,
            Time = options.Time,
        }, progress, ct);

        var engine = await EnforcementEngine.OpenAsync(policy, log, options.Time, ct: ct);
        var hatefulPosts = simulation.Truth.Posts.Where(p => p.Label.IsHateful).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var bots = simulation.Truth.Accounts.Where(a => a.Bot).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var appeals = await AppealSimulator.RunAsync(engine, decision => WasViolating(decision, hatefulPosts, bots),
            new HumanReviewer(options.Reviewer), options.AppealShare, simulationOptions.Seed, ct);
        progress.Report($"appeals: {appeals.Filed:N0} filed, {appeals.Upheld:N0} upheld, {appeals.Overturned:N0} overturned");
        analysis = analysis with { EnforcementSummary = EnforcementSummary.From(engine.State, options.Time.GetUtcNow()) };

        var assessments = new Dictionary<string, Assessment>(StringComparer.Ordinal);
        await foreach (var assessment in store.ReadAssessmentsAsync(analysis.Assess.ModelVersion, ct)) assessments[assessment.PostId] = assessment;
        var scorecard = TruthScorecard.Compute(simulation.Truth, assessments, analysis.BotScores, analysis.Clusters);

        progress.Report("measure: drawing weekly samples, labelling them from the simulator's truth");
        var report = await TransparencyReport.BuildAsync(store, new TransparencyOptions
        {
            ModelVersion = analysis.Assess.ModelVersion,
            Seed = simulationOptions.Seed,
            ChangeDate = simulation.Truth.RiseDate,
            PolicyVersion = policy.Version,
            SuppliedSections = [.. AnalysisSections.Build(analysis), scorecard.Section(analysis)],
        }, new OracleLabels(simulation.Truth), ct);
        ReportWriter.Write(report, options.ReportDirectory);

        var top = await TopDetectionsAsync(store, assessments, ct);
        return new DemoResult(simulation, ingest, analysis, appeals, scorecard, report, top);
    }

    /// <summary>
    /// The simulated appeal's ground truth: a post decision was right when the post is truly hateful, an automated label
    /// when the account is truly a bot; other account restrictions follow from strikes on posts and stand.
    /// </summary>
    private static bool WasViolating(DecisionStatus decision, HashSet<string> hatefulPosts, HashSet<string> bots)
    {
        if (decision.Subject.IsPost) return hatefulPosts.Contains(decision.Subject.Id);
        if (decision.AccountAction == AccountAction.LabelAutomated) return bots.Contains(decision.Subject.Id);
        return true;
    }

    /// <summary>The most confident antisemitism detections that carry evidence, with their texts.</summary>
    private static async Task<IReadOnlyList<ShownDetection>> TopDetectionsAsync(IVigilStore store,
        IReadOnlyDictionary<string, Assessment> assessments, CancellationToken ct)
    {
        var top = assessments.Values.Where(a => a.Antisemitic && a.Evidence.Count > 0)
            .OrderByDescending(a => a.PAntisemitic).ThenBy(a => a.PostId, StringComparer.Ordinal).Take(ShownDetections).ToList();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var wanted = top.Select(a => a.PostId).ToHashSet(StringComparer.Ordinal);
        await foreach (var post in store.ReadPostsAsync(ct))
            if (wanted.Contains(post.Id)) texts[post.Id] = post.Text;
        return [.. top.Select(a => new ShownDetection(a, texts.GetValueOrDefault(a.PostId, "")))];
    }
}
