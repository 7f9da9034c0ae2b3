using Vigil.Measurement;
using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Reporting.Transparency;

/// <summary>Sampled posts nobody has labelled yet: the report cannot be computed until they are.</summary>
public sealed class MissingLabelsException(IReadOnlyList<string> postIds)
    : Exception($"{postIds.Count} sampled posts have no label (first: {postIds[0]}). Label them, or use the simulator's truth as the oracle.")
{
    public IReadOnlyList<string> PostIds { get; } = postIds;
}

/// <summary>The report's model and the inputs it was computed from (which the manifest records).</summary>
public sealed record TransparencyBuild(ReportInputs Inputs, ReportModel Model);

/// <summary>
/// The transparency report. <see cref="DrawAsync"/> reads the population and draws each week's samples — score-stratified for
/// prevalence by posts, views-proportional for prevalence by views — and attaches the labels; <see cref="Compute"/> turns
/// those inputs into every figure, and depends on nothing else, so a bundle recomputes it byte for byte.
/// </summary>
/// <remarks>
/// The labels are needed only once the samples are drawn, so a caller may pass them still loading (at ten million posts,
/// a simulator's truth takes seconds to read): they load beside the population's read. The population's hash, too, is
/// taken beside the draw.
/// </remarks>
public static class TransparencyReport
{
    public static Task<TransparencyBuild> BuildAsync(IVigilStore store, TransparencyOptions options, ILabelSource labels,
        CancellationToken ct = default) =>
        BuildAsync(store, options, Task.FromResult(labels), ct);

    /// <summary>The report, with labels that may still be loading.</summary>
    public static async Task<TransparencyBuild> BuildAsync(IVigilStore store, TransparencyOptions options, Task<ILabelSource> labels,
        CancellationToken ct = default)
    {
        var inputs = await DrawAsync(store, options, labels, ct);
        return new TransparencyBuild(inputs, Compute(inputs));
    }

    internal static async Task<ReportInputs> DrawAsync(IVigilStore store, TransparencyOptions options, Task<ILabelSource> labelsLoading,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SampleSize, 1);
        var population = await PeriodPopulation.ReadAsync(store, options.ModelVersion, options.From, options.To, ct);
        var populationSha256 = Task.Run(population.Sha256, ct);
        // Positions in the population, not copies of its posts: a week of millions of posts costs four bytes each here.
        var weeks = new SortedDictionary<DateOnly, List<int>>();
        long views = 0;
        for (var p = 0; p < population.Posts.Count; p++)
        {
            var post = population.Posts[p];
            var week = PeriodPopulation.WeekStart(DateOnly.FromDateTime(post.CreatedAt.UtcDateTime));
            if (!weeks.TryGetValue(week, out var list)) weeks[week] = list = [];
            list.Add(p);
            views += post.Views;
        }

        var labels = await labelsLoading;
        var samples = new List<WeekSample>();
        var unlabelled = new List<string>();
        foreach (var (week, positions) in weeks)
        {
            var items = new PopulationItem[positions.Count];
            var antisemitic = new double[positions.Count];
            long weekViews = 0;
            for (var i = 0; i < positions.Count; i++)
            {
                var post = population.Posts[positions[i]];
                items[i] = new PopulationItem(post.Id, post.PHateful, post.Views);
                antisemitic[i] = post.PAntisemitic;
                weekViews += post.Views;
            }
            var unscored = new double[positions.Count];
            foreach (var design in (ReadOnlySpan<SamplingDesign>)[SamplingDesign.ScoreStratified, SamplingDesign.ViewsProportional])
            {
                // A week whose posts nobody saw has no prevalence by views to measure.
                if (design == SamplingDesign.ViewsProportional && weekViews == 0) continue;
                var seed = WeekSeed(options.Seed, week, design);
                var frame = SamplingFrame.Build(items, new SampleOptions
                {
                    Design = design, Size = options.SampleSize, Seed = seed,
                    StratumQuantiles = options.StratumQuantiles, MinimumPerStratum = options.MinimumPerStratum,
                });
                var sample = frame.Draw(seed);
                var byAntisemitic = frame.Rescore(sample, antisemitic);
                var units = new SampleUnit[sample.Items.Count];
                for (var k = 0; k < units.Length; k++)
                {
                    var item = sample.Items[k];
                    var annotations = labels.For(item.Id);
                    if (annotations.Count == 0) unlabelled.Add(item.Id);
                    units[k] = new SampleUnit(item.Id, item.Stratum, item.Views, item.InclusionProbability, item.Draws, item.Score,
                        byAntisemitic.Items[k].Score, annotations);
                }
                samples.Add(new WeekSample(week, design, seed, positions.Count, weekViews, units, new Dictionary<string, IReadOnlyList<Stratum>>
                {
                    [ScoreKeys.Hateful] = sample.Strata,
                    [ScoreKeys.Antisemitic] = byAntisemitic.Strata,
                    [ScoreKeys.None] = frame.Rescore(sample, unscored).Strata,
                }));
            }
        }
        if (unlabelled.Count > 0) throw new MissingLabelsException([.. unlabelled.Distinct(StringComparer.Ordinal)]);

        return new ReportInputs
        {
            ModelVersion = options.ModelVersion,
            TaxonomyVersion = TaxonomyTable.Default.Version,
            PolicyVersion = options.PolicyVersion,
            From = population.From,
            To = population.To,
            ChangeDate = options.ChangeDate,
            SampleSize = options.SampleSize,
            Seed = options.Seed,
            StratumQuantiles = options.StratumQuantiles,
            MinimumPerStratum = options.MinimumPerStratum,
            PopulationSha256 = await populationSha256,
            PopulationPosts = population.Posts.Count,
            PopulationViews = views,
            UnscoredPosts = population.Unscored,
            RepostsExcluded = population.RepostsExcluded,
            Samples = samples,
            SuppliedSections = options.SuppliedSections,
        };
    }

    /// <summary>
    /// Each week's seed: the base seed mixed with the week and the design through SplitMix64, so weeks and designs draw
    /// independently yet anyone with the base seed redraws the same samples.
    /// </summary>
    internal static long WeekSeed(long seed, DateOnly weekStart, SamplingDesign design) =>
        unchecked((long)new SeededRandom(seed ^ ((long)weekStart.DayNumber << 8) ^ (long)design).NextUInt64());

    public static ReportModel Compute(ReportInputs inputs) => ReportFigures.Compute(inputs);
}
