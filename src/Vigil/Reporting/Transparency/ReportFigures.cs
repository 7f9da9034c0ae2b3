using System.Globalization;
using Vigil.Measurement;
using Vigil.Model;

namespace Vigil.Reporting.Transparency;

/// <summary>
/// Computes every figure from <see cref="ReportInputs"/>. Numbers are formatted here, once, with the invariant culture and
/// fixed precision (shares to 6 decimals), so report.json, the CSVs and the HTML agree and reproduce byte for byte.
/// </summary>
internal static class ReportFigures
{
    public const string WeeklyPostsId = "prevalence-weekly-posts";

    private sealed record Category(string Name, string ScoreKey, Func<ConsensusClass, bool> Includes);

    private static readonly Category Hateful = new(LabelCategories.Hateful, ScoreKeys.Hateful, LabelCategories.IsHateful);
    private static readonly Category Antisemitic = new(LabelCategories.Antisemitic, ScoreKeys.Antisemitic, LabelCategories.IsAntisemitic);

    private static IEnumerable<Category> AllCategories()
    {
        yield return Hateful;
        yield return Antisemitic;
        foreach (var c in Enum.GetValues<ConsensusClass>())
            yield return new Category("class:" + Kebab.From(c), ScoreKeys.None, label => label == c);
    }

    public static ReportModel Compute(ReportInputs inputs)
    {
        var labels = ResolveLabels(inputs, out var ties);
        var stratified = inputs.Samples.Where(s => s.Design == SamplingDesign.ScoreStratified).OrderBy(s => s.WeekStart).ToList();
        var viewsSamples = inputs.Samples.Where(s => s.Design == SamplingDesign.ViewsProportional).OrderBy(s => s.WeekStart).ToList();

        // The weekly chart first: it is what a reader looks for, and it belongs above the fold.
        var prevalence = new List<ReportFigure>
        {
            WeeklyPostsFigure(stratified, labels, inputs.ChangeDate), PeriodFigure(stratified, labels),
            WeeklyViewsFigure(viewsSamples, labels, inputs.ChangeDate),
        };
        if (ChangeFigure(inputs.ChangeDate, stratified, labels) is { } change) prevalence.Add(change);

        var sections = new List<ReportSection>
        {
            new("prevalence", "Prevalence: how much of what was posted and seen is hateful",
                "Estimated from human-labelled probability samples (design-based, 95% intervals). These are not enforcement figures: " +
                "they count what was on the platform, actioned or not.", prevalence),
            new("labels", "Labels and agreement",
                "Each sampled post's label is the consensus class most annotators gave; ties go to the least severe tied class.",
                [AgreementFigure(inputs, labels, ties), LabelDistributionFigure(labels)]),
            new("design", "Samples", "One score-stratified and one views-proportional sample per ISO week, seeds derived from the base seed.",
                [DesignFigure(inputs)]),
        };
        sections.AddRange(inputs.SuppliedSections);
        return new ReportModel("Vigil transparency report", Preamble(inputs), sections)
        {
            Headline = Headline(inputs, stratified, labels),
            Context = $"{Day(inputs.From)} to {Day(inputs.To.AddDays(-1))} · {inputs.PopulationPosts.ToString("N0", CultureInfo.InvariantCulture)} " +
                      $"original posts · model {inputs.ModelVersion} · policy {inputs.PolicyVersion ?? "none"}",
        };
    }

    /// <summary>
    /// The figures a reader needs first, in words: hateful and antisemitic prevalence in the latest week, over the
    /// period, and whether it changed after the change date.
    /// </summary>
    private static List<HeadlineFigure> Headline(ReportInputs inputs, IReadOnlyList<WeekSample> weeks, Dictionary<string, ConsensusClass> labels)
    {
        if (weeks.Count == 0) return [];
        var latest = weeks[^1];
        var week = Day(latest.WeekStart);
        var headline = new List<HeadlineFigure>
        {
            Headlines.Prevalence(Estimate(latest.ToSample(Hateful.ScoreKey), labels, Hateful).ByPosts,
                $"of original posts created in the week of {week} were hateful"),
            Headlines.Prevalence(Estimate(latest.ToSample(Antisemitic.ScoreKey), labels, Antisemitic).ByPosts,
                $"of original posts created in the week of {week} were antisemitic"),
        };
        var period = Estimate(Combine(weeks, Hateful.ScoreKey), labels, Hateful);
        headline.Add(Headlines.Prevalence(period.ByPosts,
            $"of all original posts from {Day(inputs.From)} to {Day(inputs.To.AddDays(-1))} were hateful; {Headlines.Share(period.ByViews.Value)} of their views"));
        if (inputs.ChangeDate is { } date && weeks.Any(w => w.WeekStart < date) && weeks.Any(w => w.WeekStart >= date))
        {
            var change = ChangeTest.Compare(Estimate(Combine([.. weeks.Where(w => w.WeekStart < date)], Hateful.ScoreKey), labels, Hateful).ByPosts,
                Estimate(Combine([.. weeks.Where(w => w.WeekStart >= date)], Hateful.ScoreKey), labels, Hateful).ByPosts);
            var verdict = change.RoseSignificantly ? "rose" : change.FellSignificantly ? "fell" : "did not change significantly";
            static string Points(double share) => (share * 100).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture);
            headline.Add(new HeadlineFigure($"{Points(change.Difference)} pts",
                $"the hateful share of posts {verdict} from the weeks before {Day(date)} to those after",
                $"95% CI {Points(change.DifferenceInterval.Lower)} to {Points(change.DifferenceInterval.Upper)} pts"));
        }
        return headline;
    }

    private static List<string> Preamble(ReportInputs inputs) =>
    [
        $"Period: {Day(inputs.From)} to {Day(inputs.To.AddDays(-1))} inclusive (UTC).",
        $"Population: {Int(inputs.PopulationPosts)} original posts with {Int(inputs.PopulationViews)} views; " +
        $"{Int(inputs.RepostsExcluded)} reposts excluded (a repost's reach is already counted in the original's views); " +
        $"{Int(inputs.UnscoredPosts)} posts had no assessment and were sampled with score 0.",
        $"Model {inputs.ModelVersion}, taxonomy {inputs.TaxonomyVersion}, policy {inputs.PolicyVersion ?? "none"}; base seed " +
        $"{inputs.Seed.ToString(CultureInfo.InvariantCulture)}, {Int(inputs.SampleSize)} labels per week and design.",
        $"Population rows SHA-256: {inputs.PopulationSha256}.",
        "Shares are fractions of the stated denominator, shown as percentages; every interval is a 95% confidence interval " +
        "(Clopper–Pearson on the Korn–Graubard effective sample size, honest for rare categories).",
    ];

    private static Dictionary<string, ConsensusClass> ResolveLabels(ReportInputs inputs, out int ties)
    {
        ties = 0;
        var labels = new Dictionary<string, ConsensusClass>(StringComparer.Ordinal);
        foreach (var sample in inputs.Samples)
        foreach (var unit in sample.Units)
        {
            if (labels.ContainsKey(unit.PostId)) continue;
            var label = LabelResolution.Resolve(unit.Annotations, out var tied)
                ?? throw new InvalidDataException($"Sampled post {unit.PostId} (week {Day(sample.WeekStart)}) has no label.");
            if (tied) ties++;
            labels[unit.PostId] = label;
        }
        return labels;
    }

    private static PrevalenceResult Estimate(MeasurementSample sample, Dictionary<string, ConsensusClass> labels, Category category)
    {
        var positives = new bool[sample.Items.Count];
        for (var k = 0; k < positives.Length; k++) positives[k] = category.Includes(labels[sample.Items[k].Id]);
        return PrevalenceEstimator.Estimate(sample, positives, category.Name);
    }

    /// <summary>Weeks are independent strata sets, so the period's sample is their union with strata renumbered.</summary>
    private static MeasurementSample Combine(IReadOnlyList<WeekSample> weeks, string scoreKey)
    {
        var strata = new List<Stratum>();
        var items = new List<SampledItem>();
        var posts = 0;
        long views = 0;
        foreach (var week in weeks)
        {
            var sample = week.ToSample(scoreKey);
            var offset = strata.Count;
            foreach (var s in sample.Strata) strata.Add(s with { Index = s.Index + offset });
            foreach (var item in sample.Items) items.Add(item with { Stratum = item.Stratum + offset });
            posts += sample.PopulationPosts;
            views += sample.PopulationViews;
        }
        return new MeasurementSample(SamplingDesign.ScoreStratified, 0, posts, views, strata, items);
    }

    private static ReportFigure PeriodFigure(IReadOnlyList<WeekSample> weeks, Dictionary<string, ConsensusClass> labels)
    {
        var rows = new List<IReadOnlyList<string>>();
        if (weeks.Count > 0)
        {
            foreach (var category in AllCategories())
            {
                var result = Estimate(Combine(weeks, category.ScoreKey), labels, category);
                rows.Add(EstimateRow(category.Name, "posts", result.ByPosts));
                rows.Add(EstimateRow(category.Name, "views", result.ByViews));
            }
        }
        return new ReportFigure("prevalence-period", "Prevalence over the whole period, by category",
            "posts (or views of posts) in the category, per the resolved human label",
            "all original posts in the period (or all their views)",
            ["category", "measure", "estimate_share", "ci_lower95", "ci_upper95", "standard_error", "effective_sample_size",
             "labelled_posts", "positive_labels", "numerator", "denominator"], rows);
    }

    private static List<string> EstimateRow(string category, string measure, PrevalenceEstimate e) =>
    [
        category, measure, Share(e.Value), Share(e.Interval.Lower), Share(e.Interval.Upper), Share(e.StandardError),
        e.EffectiveSampleSize.ToString("F1", CultureInfo.InvariantCulture), Int(e.LabelledPosts), Int(e.PositivePosts),
        e.Numerator, e.Denominator,
    ];

    private static ReportFigure WeeklyPostsFigure(IReadOnlyList<WeekSample> weeks, Dictionary<string, ConsensusClass> labels, DateOnly? changeDate) =>
        WeeklyFigure(WeeklyPostsId, "Weekly prevalence by posts (score-stratified samples)",
            "hateful (antisemitic) original posts created in the week", "all original posts created in the week",
            "share of posts (%)", "population_posts", static w => w.PopulationPosts, weeks, labels, changeDate, static r => r.ByPosts);

    private static ReportFigure WeeklyViewsFigure(IReadOnlyList<WeekSample> weeks, Dictionary<string, ConsensusClass> labels, DateOnly? changeDate) =>
        WeeklyFigure("prevalence-weekly-views", "Weekly prevalence by views (views-proportional samples)",
            "views of hateful (antisemitic) original posts created in the week", "all views of original posts created in the week",
            "share of views (%)", "population_views", static w => w.PopulationViews, weeks, labels, changeDate, static r => r.ByViews);

    private static ReportFigure WeeklyFigure(string id, string title, string numerator, string denominator, string yLabel,
        string populationColumn, Func<WeekSample, long> populationOf, IReadOnlyList<WeekSample> weeks, Dictionary<string, ConsensusClass> labels, DateOnly? changeDate,
        Func<PrevalenceResult, PrevalenceEstimate> pick)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var week in weeks)
        {
            var hateful = pick(Estimate(week.ToSample(Hateful.ScoreKey), labels, Hateful));
            var antisemitic = pick(Estimate(week.ToSample(Antisemitic.ScoreKey), labels, Antisemitic));
            var draws = 0;
            foreach (var u in week.Units) draws += u.Draws;
            rows.Add(
            [
                PeriodPopulation.WeekName(week.WeekStart), Day(week.WeekStart),
                Int(populationOf(week)),
                Int(week.Units.Count), Int(draws),
                Share(hateful.Value), Share(hateful.Interval.Lower), Share(hateful.Interval.Upper),
                Share(antisemitic.Value), Share(antisemitic.Interval.Lower), Share(antisemitic.Interval.Upper),
            ]);
        }
        var chart = new ChartSpec(ChartKind.WeeklySeries, "week_start", "week (ISO, starting Monday)", yLabel,
        [
            new ChartSeries("hateful", "hateful_share", "hateful_lower95", "hateful_upper95"),
            new ChartSeries("antisemitic", "antisemitic_share", "antisemitic_lower95", "antisemitic_upper95"),
        ], Percent: true, changeDate is { } day ? Day(day) : null, changeDate is { } d ? $"change date {Day(d)}" : null);
        return new ReportFigure(id, title, numerator, denominator,
            ["week", "week_start", populationColumn, "sampled_posts", "draws", "hateful_share", "hateful_lower95", "hateful_upper95",
             "antisemitic_share", "antisemitic_lower95", "antisemitic_upper95"], rows, chart);
    }

    private static ReportFigure? ChangeFigure(DateOnly? changeDate, IReadOnlyList<WeekSample> weeks, Dictionary<string, ConsensusClass> labels)
    {
        if (changeDate is not { } date) return null;
        var before = weeks.Where(w => w.WeekStart < date).ToList();
        var after = weeks.Where(w => w.WeekStart >= date).ToList();
        if (before.Count == 0 || after.Count == 0) return null;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var category in (Category[])[Hateful, Antisemitic])
        {
            var b = Estimate(Combine(before, category.ScoreKey), labels, category);
            var a = Estimate(Combine(after, category.ScoreKey), labels, category);
            foreach (var (measure, pb, pa) in (ReadOnlySpan<(string, PrevalenceEstimate, PrevalenceEstimate)>)[("posts", b.ByPosts, a.ByPosts), ("views", b.ByViews, a.ByViews)])
            {
                var change = ChangeTest.Compare(pb, pa);
                var verdict = change.RoseSignificantly ? "rose" : change.FellSignificantly ? "fell" : "no significant change";
                rows.Add(
                [
                    category.Name, measure, Day(date), Int(before.Count), Int(after.Count), Share(change.Before), Share(change.After),
                    Share(change.Difference), Share(change.DifferenceInterval.Lower), Share(change.DifferenceInterval.Upper), verdict,
                ]);
            }
        }
        return new ReportFigure("prevalence-change", $"Change in prevalence: weeks starting on or after {Day(date)} against the weeks before",
            "difference in prevalence (after − before), in shares of the same denominator",
            "all original posts (or their views) in the weeks on each side of the date",
            ["category", "measure", "change_date", "weeks_before", "weeks_after", "before_share", "after_share", "difference_share",
             "difference_lower95", "difference_upper95", "verdict"], rows);
    }

    private static ReportFigure AgreementFigure(ReportInputs inputs, Dictionary<string, ConsensusClass> labels, int ties)
    {
        var perPost = new Dictionary<string, IReadOnlyList<Annotation>>(StringComparer.Ordinal);
        foreach (var sample in inputs.Samples)
        foreach (var unit in sample.Units)
            perPost.TryAdd(unit.PostId, unit.Annotations);
        var annotators = new HashSet<string>(StringComparer.Ordinal);
        int annotations = 0, multiple = 0;
        foreach (var list in perPost.Values)
        {
            annotations += list.Count;
            if (list.Count > 1) multiple++;
            foreach (var a in list) annotators.Add(a.Annotator);
        }
        var alpha = LabelResolution.Alpha(perPost.Values);
        return new ReportFigure("labels-agreement", "Annotations and inter-annotator agreement",
            "annotations of sampled posts; Krippendorff's alpha (nominal, on consensus classes) over posts labelled more than once",
            "distinct sampled posts",
            ["sampled_posts", "annotations", "annotators", "posts_labelled_twice_or_more", "krippendorff_alpha", "ties_broken"],
            [[Int(labels.Count), Int(annotations), Int(annotators.Count), Int(multiple),
              double.IsNaN(alpha) ? "n/a" : alpha.ToString("F4", CultureInfo.InvariantCulture), Int(ties)]]);
    }

    private static ReportFigure LabelDistributionFigure(Dictionary<string, ConsensusClass> labels)
    {
        var counts = new int[Enum.GetValues<ConsensusClass>().Length];
        foreach (var label in labels.Values) counts[(int)label]++;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var c in Enum.GetValues<ConsensusClass>()) rows.Add([Kebab.From(c), Int(counts[(int)c])]);
        return new ReportFigure("labels-by-class", "Resolved labels of the sampled posts, by consensus class",
            "sampled posts whose resolved label is the class (unweighted: strata are sampled at different rates)",
            "distinct sampled posts", ["consensus_class", "sampled_posts"], rows);
    }

    private static ReportFigure DesignFigure(ReportInputs inputs)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in inputs.Samples.OrderBy(s => s.WeekStart).ThenBy(s => s.Design))
        {
            var draws = 0;
            foreach (var u in s.Units) draws += u.Draws;
            rows.Add([PeriodPopulation.WeekName(s.WeekStart), Kebab.From(s.Design), s.Seed.ToString(CultureInfo.InvariantCulture),
                Int(s.PopulationPosts), Int(s.PopulationViews), Int(s.StrataByScore[ScoreKeys.Hateful].Count), Int(s.Units.Count), Int(draws)]);
        }
        return new ReportFigure("samples", "Samples drawn, per week and design",
            "sampled posts and draws", "original posts (and their views) created in the week",
            ["week", "design", "seed", "population_posts", "population_views", "strata", "sampled_posts", "draws"], rows);
    }

    private static string Share(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
