using System.Globalization;
using Vigil.Reporting.Transparency;
using Vigil.Pipeline;
using Vigil.Bots;
using Vigil.Coordination;
using Vigil.Model;

namespace Vigil.Simulation.Oracles;

/// <summary>
/// How well the analysis recovered what a simulated platform planted: detection on original posts, bots and coordinated
/// cluster members at the account level. Only possible on simulated data, which is what the simulator is for.
/// </summary>
public sealed record TruthScorecard(
    BinaryScore Antisemitic,
    BinaryScore Hateful,
    BinaryScore Bots,
    BinaryScore ClusterMembers,
    IReadOnlyDictionary<ClusterKind, double> ClusterRecallByKind)
{
    public static TruthScorecard Compute(SimulationTruth truth, IReadOnlyDictionary<string, Assessment> assessments,
        IReadOnlyDictionary<string, BotScore> botScores, IReadOnlyList<CoordinatedCluster> clusters)
    {
        BinaryScore antisemitic = default, hateful = default;
        foreach (var post in truth.Posts)
        {
            // Reposts carry their original's label and are not assessed on their own.
            if (!assessments.TryGetValue(post.Id, out var assessment)) continue;
            antisemitic = antisemitic.Add(assessment.Antisemitic, post.Label.IsAntisemitic);
            hateful = hateful.Add(assessment.Hateful, post.Label.IsHateful);
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
            foreach (var member in cluster.Members) reported.Add(member.UserId);

        BinaryScore bots = default, members = default;
        var plantedByKind = new Dictionary<ClusterKind, (int Planted, int Found)>();
        foreach (var account in truth.Accounts)
        {
            if (botScores.TryGetValue(account.Id, out var score)) bots = bots.Add(score.IsBot, account.Bot);
            var planted = account.Cluster is not null;
            members = members.Add(reported.Contains(account.Id), planted);
            if (account.ClusterKind is { } kind)
            {
                var (p, f) = plantedByKind.GetValueOrDefault(kind);
                plantedByKind[kind] = (p + 1, f + (reported.Contains(account.Id) ? 1 : 0));
            }
        }
        var recallByKind = new SortedDictionary<ClusterKind, double>();
        foreach (var (kind, (planted, found)) in plantedByKind) recallByKind[kind] = (double)found / planted;
        return new TruthScorecard(antisemitic, hateful, bots, members, recallByKind);
    }

    /// <summary>The report section that shows this scorecard, for a report on a simulated platform.</summary>
    public ReportSection Section(AnalysisResult analysis)
    {
        IReadOnlyList<string> Row(string what, BinaryScore score) =>
            [what, Share(score.Precision), Share(score.Recall), Share(score.F1), Int(score.TruePositives), Int(score.FalsePositives), Int(score.FalseNegatives)];
        var figure = new ReportFigure("recovery", "Recovery of the simulated platform's truth",
            "true positives among flagged (precision) and among truly positive (recall)",
            "original posts (detection), accounts (bots, cluster members) of the simulated platform",
            ["what", "precision_share", "recall_share", "f1_share", "true_positives", "false_positives", "false_negatives"],
            [Row("antisemitic posts", Antisemitic), Row("hateful posts", Hateful),
             Row("bot accounts", Bots), Row("coordinated cluster members", ClusterMembers)]);
        return new ReportSection("recovery", "Against the simulator's truth",
            $"Detector {analysis.Assess.ModelVersion}; clusters found: {analysis.Clusters.Count}. Only simulated data has a truth to check against.", [figure]);
    }

    private static string Share(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
