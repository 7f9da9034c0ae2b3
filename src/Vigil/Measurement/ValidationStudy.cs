using System.Globalization;
using System.Text;

namespace Vigil.Measurement;

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
    /// <summary>Replications per candidate size in the labels-needed search (mean half-width is stable well before 1,000).</summary>
    public int SearchReplications { get; init; } = 40;
    /// <summary>The simulated classifier's quality (d′, see <see cref="SyntheticPopulationOptions.ClassifierSeparation"/>).</summary>
    public double ClassifierSeparation { get; init; } = 2.5;
}

/// <summary>One design at one true prevalence: how often its intervals covered the truth, and what precision cost.</summary>
public sealed record ValidationRow(
    double TruePrevalence,
    SamplingDesign Design,
    string Measure,
    double TrueValue,
    double Coverage,
    double MeanWidth,
    double MeanRelativeHalfWidth,
    int? LabelsForTargetPrecision);

public sealed record ValidationReport(ValidationOptions Options, IReadOnlyList<ValidationRow> Rows)
{
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("| true prevalence (posts) | design | measure | true value | coverage of 95% CI | mean CI width | mean relative half-width | labels for ±20% |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in Rows)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.TruePrevalence:P1} | {Name(r.Design)} | {r.Measure} | {r.TrueValue:P3} | ")
              .Append(CultureInfo.InvariantCulture, $"{r.Coverage:P1} | {r.MeanWidth:P3} | {r.MeanRelativeHalfWidth:P0} | ")
              .Append(r.LabelsForTargetPrecision is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "> population")
              .AppendLine(" |");
        }
        return md.ToString();
    }

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
/// needs to reach the target precision. Posts are measured under the without-replacement designs, views under all.
/// </summary>
public static class ValidationStudy
{
    private const string Category = "hateful";

    public static ValidationReport Run(ValidationOptions options, IProgress<string>? progress = null)
    {
        var populations = new SyntheticPopulation[options.Prevalences.Count];
        Parallel.For(0, populations.Length, i => populations[i] = SyntheticPopulation.Generate(new SyntheticPopulationOptions
        {
            Posts = options.PopulationPosts, Prevalence = options.Prevalences[i], Seed = options.Seed,
            ClassifierSeparation = options.ClassifierSeparation,
        }));

        // Every (prevalence, design) cell is independent and seeded on its own, so running them in parallel changes
        // nothing in the results, only the wall time; the rows are put back in a fixed order.
        var designs = Enum.GetValues<SamplingDesign>();
        var cells = new List<ValidationRow>[populations.Length * designs.Length];
        Parallel.For(0, cells.Length, cell =>
        {
            var population = populations[cell / designs.Length];
            var prevalence = options.Prevalences[cell / designs.Length];
            var design = designs[cell % designs.Length];
            var frame = SamplingFrame.Build(population.Items, new SampleOptions { Design = design, Size = options.LabelsPerSample });
            var posts = new Accumulator(population.PostPrevalence);
            var views = new Accumulator(population.ViewPrevalence);
            for (var r = 0; r < options.Replications; r++)
            {
                var sample = frame.Draw(ReplicationSeed(options.Seed, r));
                var result = PrevalenceEstimator.Estimate(sample, population.LabelsFor(sample), Category);
                posts.Add(result.ByPosts);
                views.Add(result.ByViews);
            }
            var rows = new List<ValidationRow>(2);
            if (design != SamplingDesign.ViewsProportional)
                rows.Add(posts.Row(prevalence, design, "posts", LabelsNeeded(population, design, byViews: false, options)));
            rows.Add(views.Row(prevalence, design, "views", LabelsNeeded(population, design, byViews: true, options)));
            cells[cell] = rows;
            progress?.Report($"prevalence {prevalence:P1}, {ValidationReport.Name(design)}: done");
        });
        return new ValidationReport(options, [.. cells.SelectMany(rows => rows)]);
    }

    /// <summary>Distinct, well-spread seeds per replication, derived from the study seed.</summary>
    private static long ReplicationSeed(long seed, int replication) => unchecked(seed * 1_000_003 + replication);

    /// <summary>
    /// The smallest label count on a geometric grid (×1.15) whose mean relative half-width reaches the target; null
    /// when even the whole population does not (or, for with-replacement draws, ten times it).
    /// </summary>
    private static int? LabelsNeeded(SyntheticPopulation population, SamplingDesign design, bool byViews, ValidationOptions options)
    {
        var limit = design == SamplingDesign.ViewsProportional ? population.Items.Count * 10L : population.Items.Count;
        var truth = byViews ? population.ViewPrevalence : population.PostPrevalence;
        for (double size = 50; size <= limit; size *= 1.15)
        {
            var n = (int)size;
            var frame = SamplingFrame.Build(population.Items, new SampleOptions { Design = design, Size = n });
            double halfWidths = 0;
            for (var r = 0; r < options.SearchReplications; r++)
            {
                var sample = frame.Draw(ReplicationSeed(options.Seed + 7919, r));
                var result = PrevalenceEstimator.Estimate(sample, population.LabelsFor(sample), Category);
                halfWidths += (byViews ? result.ByViews : result.ByPosts).Interval.Width / 2;
            }
            if (halfWidths / options.SearchReplications / truth <= options.TargetRelativeHalfWidth) return n;
        }
        return null;
    }

    private sealed class Accumulator(double truth)
    {
        private int _count, _covered;
        private double _width;

        public void Add(PrevalenceEstimate estimate)
        {
            _count++;
            if (estimate.Interval.Contains(truth)) _covered++;
            _width += estimate.Interval.Width;
        }

        public ValidationRow Row(double prevalence, SamplingDesign design, string measure, int? labelsNeeded) =>
            new(prevalence, design, measure, truth, (double)_covered / _count, _width / _count, _width / _count / 2 / truth, labelsNeeded);
    }
}
