using Vigil.Measurement;
using System.Globalization;
using System.Text;

namespace Vigil.Simulation.Synthetic;

public sealed record ValidationOptions
{
    public int Replications { get; init; } = 1000;
    public long Seed { get; init; } = 1;
    public IReadOnlyList<double> Prevalences { get; init; } = [0.001, 0.01, 0.05];
    public int PopulationPosts { get; init; } = 1_000_000;
    /// <summary>Labels per replication for the coverage and width figures.</summary>
    public int LabelsPerSample { get; init; } = 2000;
    /// <summary>The precision the "labels needed" search aims at: ±20% of the true prevalence.</summary>
    public double TargetRelativeHalfWidth { get; init; } = 0.20;
    /// <summary>Replications per candidate size in the labels-needed search; 0 skips the search (coverage only).</summary>
    public int SearchReplications { get; init; } = 100;
    /// <summary>The simulated classifier's quality (d′, see <see cref="SyntheticPopulationOptions.ClassifierSeparation"/>).</summary>
    public double ClassifierSeparation { get; init; } = 2.5;
    /// <summary>A monotone distortion of the simulated score, to check that validity does not rest on calibration.</summary>
    public ScoreDistortion Distortion { get; init; } = ScoreDistortion.None;
    /// <summary>Strata of the score-stratified design (<see cref="SampleOptions.StrataCount"/>).</summary>
    public int StrataCount { get; init; } = new SampleOptions { Design = SamplingDesign.ScoreStratified, Size = 1 }.StrataCount;
}

/// <summary>One design and estimator at one true prevalence: how often its intervals covered the truth, and what precision cost.</summary>
public sealed record ValidationRow(
    double TruePrevalence,
    SamplingDesign Design,
    string Estimator,
    string Measure,
    double TrueValue,
    double Coverage,
    double MeanWidth,
    double MeanRelativeHalfWidth,
    int? LabelsForTargetPrecision);

/// <summary>
/// Labels each approach needs for the target precision on prevalence by posts, at one true prevalence, next to the
/// fewest any design on this score could need (<see cref="SyntheticPopulation.LabelsBound"/>).
/// </summary>
public sealed record EfficiencyRow(double TruePrevalence, int? PlainSimpleRandom, int? ModelAssistedSimpleRandom, int? ScoreStratified,
    double Bound);

public sealed record ValidationReport(ValidationOptions Options, IReadOnlyList<ValidationRow> Rows, IReadOnlyList<EfficiencyRow> Efficiency)
{
    public string ToMarkdown()
    {
        var o = Options;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Classifier separation d′ = {o.ClassifierSeparation:0.0#}, score distortion (slope {o.Distortion.Slope:0.###}, offset {o.Distortion.Offset:0.###}, " +
            $"low-range divisor {o.Distortion.LowRangeDivisor:0.###}), " +
            $"{o.PopulationPosts:N0} posts per population, {o.Replications:N0} replications of {o.LabelsPerSample:N0} labels, " +
            $"{o.StrataCount} strata, seed {o.Seed}, labels search over {o.SearchReplications} samples per size.");
        md.AppendLine();
        md.AppendLine("| true prevalence (posts) | design | estimator | measure | true value | coverage of 95% CI | mean CI width | mean relative half-width | labels for ±20% |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in Rows)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.TruePrevalence:P1} | {Name(r.Design)} | {r.Estimator} | {r.Measure} | {r.TrueValue:P3} | ")
              .Append(CultureInfo.InvariantCulture, $"{r.Coverage:P1} | {r.MeanWidth:P3} | {r.MeanRelativeHalfWidth:P0} | ")
              .Append(o.SearchReplications > 0 ? Labels(r.LabelsForTargetPrecision) : "not searched")
              .AppendLine(" |");
        }
        if (Efficiency.Count == 0) return md.ToString();

        md.AppendLine();
        md.AppendLine("| true prevalence (posts) | simple random, plain proportion | simple random, model-assisted | score-stratified | bound (any design on this score) | stratified ÷ plain | stratified ÷ model-assisted SRS | bound ÷ plain |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var e in Efficiency)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {e.TruePrevalence:P1} | {Labels(e.PlainSimpleRandom)} | {Labels(e.ModelAssistedSimpleRandom)} | ")
              .Append(CultureInfo.InvariantCulture, $"{Labels(e.ScoreStratified)} | {e.Bound:N0} | {Ratio(e.ScoreStratified, e.PlainSimpleRandom)} | ")
              .Append(CultureInfo.InvariantCulture, $"{Ratio(e.ScoreStratified, e.ModelAssistedSimpleRandom)} | {Ratio(e.Bound, e.PlainSimpleRandom)} |")
              .AppendLine();
        }
        return md.ToString();
    }

    public static string Labels(int? labels) => labels?.ToString("N0", CultureInfo.InvariantCulture) ?? "> population";

    public static string Ratio(double? numerator, int? denominator) =>
        numerator is { } n && denominator is { } d ? (n / d).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    public static string Name(SamplingDesign design) => design switch
    {
        SamplingDesign.SimpleRandom => "simple random",
        SamplingDesign.ScoreStratified => "score-stratified (Neyman)",
        SamplingDesign.ViewsProportional => "views-proportional",
        _ => design.ToString(),
    };
}

/// <summary>
/// Validates the method by simulation: on populations with known truth, draw many samples per design, label them with
/// the truth, and count how often the 95% intervals cover the true prevalence; then search for the labels each design
/// needs to reach the target precision. Posts are measured under the without-replacement designs, views under all; simple
/// random sampling is also read the way most readers picture it, as a plain proportion with a Clopper–Pearson interval.
/// </summary>
public static class ValidationStudy
{
    private const string Category = "hateful";
    public const string PlainProportion = "plain proportion";
    public const string ModelAssisted = "model-assisted";
    public const string BinomialDraws = "binomial share of draws";

    /// <summary>One way of reading a design's sample: which interval, for which measure.</summary>
    private sealed record Reading(SamplingDesign Design, string Estimator, string Measure, Func<MeasurementSample, bool[], Interval> Interval)
    {
        public bool ByViews => Measure == "views";
    }

    private static readonly Reading[] Readings =
    [
        new(SamplingDesign.SimpleRandom, PlainProportion, "posts", (_, labels) => ProportionInterval.ClopperPearson(Positives(labels), labels.Length)),
        new(SamplingDesign.SimpleRandom, ModelAssisted, "posts", (sample, labels) => Estimate(sample, labels).ByPosts.Interval),
        new(SamplingDesign.SimpleRandom, ModelAssisted, "views", (sample, labels) => Estimate(sample, labels).ByViews.Interval),
        new(SamplingDesign.ScoreStratified, ModelAssisted, "posts", (sample, labels) => Estimate(sample, labels).ByPosts.Interval),
        new(SamplingDesign.ScoreStratified, ModelAssisted, "views", (sample, labels) => Estimate(sample, labels).ByViews.Interval),
        new(SamplingDesign.ViewsProportional, BinomialDraws, "views", (sample, labels) => Estimate(sample, labels).ByViews.Interval),
    ];

    public static ValidationReport Run(ValidationOptions options, IProgress<string>? progress = null)
    {
        var populations = new SyntheticPopulation[options.Prevalences.Count];
        Parallel.For(0, populations.Length, i => populations[i] = SyntheticPopulation.Generate(new SyntheticPopulationOptions
        {
            Posts = options.PopulationPosts, Prevalence = options.Prevalences[i], Seed = options.Seed,
            ClassifierSeparation = options.ClassifierSeparation, Distortion = options.Distortion,
        }));

        // Every (prevalence, reading) cell is independent and seeded on its own, so running them in parallel changes
        // nothing in the results, only the wall time; the rows are put back in a fixed order.
        var rows = new ValidationRow[populations.Length * Readings.Length];
        Parallel.For(0, rows.Length, cell =>
        {
            var population = populations[cell / Readings.Length];
            var reading = Readings[cell % Readings.Length];
            rows[cell] = Validate(population, options.Prevalences[cell / Readings.Length], reading, options);
            progress?.Report($"prevalence {rows[cell].TruePrevalence:P1}, {ValidationReport.Name(reading.Design)}, {reading.Estimator}, {reading.Measure}: done");
        });

        var efficiency = new List<EfficiencyRow>();
        if (options.SearchReplications > 0)
        {
            for (var p = 0; p < populations.Length; p++)
            {
                int? Needed(SamplingDesign design, string estimator) => Array.Find(rows,
                    r => r.TruePrevalence == options.Prevalences[p] && r.Design == design && r.Estimator == estimator && r.Measure == "posts")!
                    .LabelsForTargetPrecision;
                efficiency.Add(new EfficiencyRow(options.Prevalences[p], Needed(SamplingDesign.SimpleRandom, PlainProportion),
                    Needed(SamplingDesign.SimpleRandom, ModelAssisted), Needed(SamplingDesign.ScoreStratified, ModelAssisted),
                    populations[p].LabelsBound(options.TargetRelativeHalfWidth)));
            }
        }
        return new ValidationReport(options, rows, efficiency);
    }

    private static ValidationRow Validate(SyntheticPopulation population, double prevalence, Reading reading, ValidationOptions options)
    {
        var truth = reading.ByViews ? population.ViewPrevalence : population.PostPrevalence;
        var frame = Frame(population, reading.Design, options.LabelsPerSample, options);
        int covered = 0;
        double width = 0;
        for (var r = 0; r < options.Replications; r++)
        {
            var sample = frame.Draw(ReplicationSeed(options.Seed, r));
            var interval = reading.Interval(sample, population.LabelsFor(sample));
            if (interval.Contains(truth)) covered++;
            width += interval.Width;
        }
        var meanWidth = width / options.Replications;
        return new ValidationRow(prevalence, reading.Design, reading.Estimator, reading.Measure, truth, (double)covered / options.Replications,
            meanWidth, meanWidth / 2 / truth, options.SearchReplications > 0 ? LabelsNeeded(population, reading, truth, options) : null);
    }

    private static SamplingFrame Frame(SyntheticPopulation population, SamplingDesign design, int size, ValidationOptions options) =>
        SamplingFrame.Build(population.Items, new SampleOptions { Design = design, Size = size, StrataCount = options.StrataCount });

    /// <summary>Distinct, well-spread seeds per replication, derived from the study seed.</summary>
    private static long ReplicationSeed(long seed, int replication) => unchecked(seed * 1_000_003 + replication);

    /// <summary>Ratio between neighbouring candidate sizes: 2%, finer than the search's own noise at 100 samples per size.</summary>
    private const double GridStep = 1.02;

    /// <summary>
    /// The smallest label count on a geometric grid (50·1.02^k) whose mean relative half-width reaches the target, found
    /// by bisection over the grid (the mean half-width falls as the sample grows); null when even the whole population
    /// does not (or, for with-replacement draws, ten times it).
    /// </summary>
    private static int? LabelsNeeded(SyntheticPopulation population, Reading reading, double truth, ValidationOptions options)
    {
        var limit = reading.Design == SamplingDesign.ViewsProportional ? population.Items.Count * 10L : population.Items.Count;
        var grid = new List<int>();
        for (double size = 50; size <= limit; size *= GridStep) grid.Add((int)size);
        if (grid.Count == 0 || grid[^1] < limit) grid.Add((int)limit);

        bool Reaches(int n)
        {
            var frame = Frame(population, reading.Design, n, options);
            double halfWidths = 0;
            for (var r = 0; r < options.SearchReplications; r++)
            {
                var sample = frame.Draw(ReplicationSeed(options.Seed + 7919, r));
                halfWidths += reading.Interval(sample, population.LabelsFor(sample)).Width / 2;
            }
            return halfWidths / options.SearchReplications / truth <= options.TargetRelativeHalfWidth;
        }

        int low = 0, high = grid.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Reaches(grid[mid])) high = mid; else low = mid + 1;
        }
        return low < grid.Count ? grid[low] : null;
    }

    private static PrevalenceResult Estimate(MeasurementSample sample, bool[] labels) => PrevalenceEstimator.Estimate(sample, labels, Category);

    private static int Positives(bool[] labels)
    {
        var count = 0;
        foreach (var label in labels) if (label) count++;
        return count;
    }
}
