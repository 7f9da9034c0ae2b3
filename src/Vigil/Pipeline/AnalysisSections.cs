using System.Globalization;
using Vigil.Amplification;
using Vigil.Reporting.Transparency;

namespace Vigil.Pipeline;

/// <summary>
/// The analysis stages' own sections of the transparency report: amplification and enforcement, kept apart from the
/// prevalence estimates. (On simulated data, Vigil.Simulation adds how well each stage recovered the truth.)
/// </summary>
public static class AnalysisSections
{
    public static IReadOnlyList<ReportSection> Build(AnalysisResult analysis) =>
        [Amplification(analysis.AmplificationWeeks), Enforcement(analysis)];

    private static ReportSection Amplification(IReadOnlyList<WeeklyAmplification> weeks)
    {
        var byWeek = new SortedDictionary<DateOnly, Dictionary<PostCategory, WeeklyAmplification>>();
        foreach (var week in weeks)
        {
            if (!byWeek.TryGetValue(week.Week, out var categories)) byWeek[week.Week] = categories = [];
            categories[week.Category] = week;
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (week, categories) in byWeek)
        {
            rows.Add([Day(week),
                Share(categories.GetValueOrDefault(PostCategory.Antisemitic)?.AmplifierViewShare ?? 0),
                Share(categories.GetValueOrDefault(PostCategory.OtherHate)?.AmplifierViewShare ?? 0),
                Share(categories.GetValueOrDefault(PostCategory.Other)?.AmplifierViewShare ?? 0),
                Share(categories.GetValueOrDefault(PostCategory.Antisemitic)?.AmplifierRepostShare ?? 0)]);
        }
        var figure = new ReportFigure("amplification-weekly", "Share of reach carried by bots and coordinated clusters, by week",
            "views (and reposts) of original posts attributed to reposts by high-bot-score or coordinated accounts",
            "all views (reposts) of original posts of the same category created that week",
            ["week", "antisemitic_view_share", "other_hate_view_share", "other_view_share", "antisemitic_repost_share"], rows,
            new ChartSpec(ChartKind.WeeklySeries, "week", "week (Monday, UTC)", "share of views (%)",
                [new ChartSeries("antisemitic posts", "antisemitic_view_share"), new ChartSeries("other hateful posts", "other_hate_view_share"),
                 new ChartSeries("all other posts", "other_view_share")], Percent: true));
        return new ReportSection("amplification", "Amplification",
            "How much of each category's reach came from accounts the bot model scores above its threshold or that sit in a coordinated cluster. " +
            "Views are attributed to a repost in proportion to the reposter's followers (src/Vigil/Amplification/AmplificationEngine.cs).", [figure]);
    }

    private static ReportSection Enforcement(AnalysisResult analysis)
    {
        var summary = analysis.EnforcementSummary;
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var action in summary.Actions)
        {
            rows.Add([action.Consensus, action.Rule, action.HighestRung, Int(action.Decisions)]);
            byRule[action.Rule] = byRule.GetValueOrDefault(action.Rule) + action.Decisions;
        }
        var actions = new ReportFigure("enforcement-actions", "Decisions in effect by consensus class, rule and highest rung",
            "decisions in effect (not reversed) under the policy", "all posts and accounts the policy decided on",
            ["consensus_class", "rule", "highest_rung", "decisions"], rows);
        var ruleRows = new List<IReadOnlyList<string>>();
        foreach (var (rule, count) in byRule) ruleRows.Add([rule, Int(count)]);
        var rules = new ReportFigure("enforcement-by-rule", "Decisions in effect by rule", "decisions in effect", "all decisions in effect",
            ["rule", "decisions"], ruleRows, new ChartSpec(ChartKind.Bars, "rule", "policy rule", "decisions", [new ChartSeries("decisions", "decisions")], Percent: false));
        var totals = new ReportFigure("enforcement-totals", "Enforcement totals", "counts from the decision log", "the whole decision log",
            ["measure", "value"],
            [["decisions in effect", Int(summary.DecisionsInEffect)], ["decisions reversed", Int(summary.DecisionsReversed)],
             ["strikes active", Int(summary.StrikesActive)], ["strikes ever", Int(summary.StrikesTotal)],
             ["accounts read-only", Int(summary.AccountsReadOnly)], ["accounts suspended", Int(summary.AccountsSuspended)],
             ["accounts labelled automated", Int(summary.AccountsLabelledAutomated)], ["awaiting human review", Int(summary.QueuePending)]]);
        var queueRows = new List<IReadOnlyList<string>>();
        foreach (var item in summary.QueueTop)
            queueRows.Add([item.Subject.ToString(), item.Rule ?? "", Policy.Ladder.Format(item.Proposed), Decimal(item.Score), Int(item.Reach), Int(item.Severity), Decimal(item.ExpectedHarm)]);
        var queue = new ReportFigure("review-queue", "Top of the human review queue, by expected harm",
            "proposals waiting for a human reviewer (removal or geo-restriction never happens without one)",
            $"all {summary.QueuePending} pending proposals; expected harm = probability × (reach + 1) × severity",
            ["subject", "rule", "proposed", "probability", "reach", "severity", "expected_harm"], queueRows);
        var appealRows = new List<IReadOnlyList<string>>();
        foreach (var rule in summary.Appeals)
            appealRows.Add([rule.Rule, Int(rule.Decisions), Int(rule.Appealed), Int(rule.Upheld), Int(rule.Overturned), Int(rule.Pending),
                rule.OverturnRate is { } rate ? Share(rate) : ""]);
        var appeals = new ReportFigure("appeals-by-rule", "Appeals and their outcomes, by rule",
            "appeals filed, upheld and overturned", "decisions made under each rule; overturn share of resolved appeals",
            ["rule", "decisions", "appealed", "upheld", "overturned", "pending", "overturned_share"], appealRows);
        return new ReportSection("enforcement", "Enforcement",
            "What the policy did, kept apart from prevalence: a post that is hateful but lawful is labelled and loses reach, it is not removed; " +
            "removal and geo-restriction wait for a human reviewer (docs/POLICY.md).", [totals, rules, actions, queue, appeals]);
    }

    private static string Share(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
    private static string Decimal(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
