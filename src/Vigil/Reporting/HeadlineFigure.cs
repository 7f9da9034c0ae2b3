using System.Globalization;
using Vigil.Enforcement;
using Vigil.Measurement;

namespace Vigil.Reporting;

/// <summary>
/// A number a reader should see first, and what it means in words: <c>2.9%</c> "of original posts created in the week
/// of 2026-09-21 were hateful", <c>95% CI 2.1%–3.9%</c>. The transparency report and the dashboard open with these.
/// </summary>
public sealed record HeadlineFigure(string Value, string Statement, string? Detail = null);

/// <summary>How headline figures are worded, so the report and the dashboard say the same thing the same way.</summary>
public static class Headlines
{
    /// <summary>A share as a percentage: one decimal from 1% up, two below, where rare categories live.</summary>
    internal static string Share(double share)
    {
        var percent = share * 100;
        return percent.ToString(Math.Abs(percent) >= 1 || percent == 0 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + "%";
    }

    internal static string Interval(Interval interval) => $"95% CI {Share(interval.Lower)}–{Share(interval.Upper)}";

    /// <summary>A prevalence estimate: its share, what it is a share of, and its interval.</summary>
    internal static HeadlineFigure Prevalence(PrevalenceEstimate estimate, string statement) =>
        new(Share(estimate.Value), statement, Interval(estimate.Interval));

    /// <summary>What enforcement looks like now: the review queue, the decisions in effect, how often appeals win.</summary>
    public static IReadOnlyList<HeadlineFigure> Enforcement(EnforcementSummary summary)
    {
        int upheld = 0, overturned = 0, pending = 0;
        foreach (var rule in summary.Appeals)
        {
            upheld += rule.Upheld;
            overturned += rule.Overturned;
            pending += rule.Pending;
        }
        var resolved = upheld + overturned;
        return
        [
            new(Count(summary.QueuePending), "proposals wait for a human reviewer", "most expected harm first"),
            new(Count(summary.DecisionsInEffect), "decisions in effect", $"{Count(summary.DecisionsReversed)} reversed"),
            resolved == 0
                ? new("n/a", "of resolved appeals were overturned", $"none resolved yet; {Count(pending)} pending")
                : new(Share((double)overturned / resolved), "of resolved appeals were overturned",
                    $"{Count(overturned)} of {Count(resolved)}; {Count(pending)} pending"),
        ];
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
