using Vigil.Measurement;

namespace Vigil.Reporting.Transparency;

/// <summary>
/// A sampled post as the bundle keeps it: why it was drawn, both model scores, and every annotation it received.
/// Its resolved label is recomputed from the annotations, so editing one changes the figures.
/// </summary>
public sealed record SampleUnit(string PostId, int Stratum, long Views, double InclusionProbability, int Draws, double PHateful,
    double PAntisemitic, IReadOnlyList<Annotation> Annotations);

/// <summary>
/// One week's sample under one design, with the frame facts the estimators need: the strata as seen through each score
/// (<see cref="ScoreKeys"/>) — the sample is drawn once, on the hateful score, and read through the others.
/// </summary>
public sealed record WeekSample(DateOnly WeekStart, SamplingDesign Design, long Seed, int PopulationPosts, long PopulationViews,
    IReadOnlyList<SampleUnit> Units, IReadOnlyDictionary<string, IReadOnlyList<Stratum>> StrataByScore)
{
    internal MeasurementSample ToSample(string scoreKey)
    {
        var items = new SampledItem[Units.Count];
        for (var k = 0; k < items.Length; k++)
        {
            var u = Units[k];
            items[k] = new SampledItem(u.PostId, u.Stratum, ScoreKeys.Of(u, scoreKey), u.Views, u.InclusionProbability, u.Draws);
        }
        return new MeasurementSample(Design, Seed, PopulationPosts, PopulationViews, StrataByScore[scoreKey], items);
    }
}

/// <summary>The scores a sample can be read through; "none" serves categories no model predicts.</summary>
public static class ScoreKeys
{
    public const string Hateful = LabelCategories.Hateful;
    public const string Antisemitic = LabelCategories.Antisemitic;
    public const string None = "none";
    internal static readonly string[] All = [Hateful, Antisemitic, None];

    internal static double Of(SampleUnit unit, string key) => key switch
    {
        Hateful => unit.PHateful,
        Antisemitic => unit.PAntisemitic,
        _ => 0,
    };
}

/// <summary>
/// Everything the figures are computed from — and so everything the reproducibility manifest holds. Computing the
/// report from these alone is what makes <c>vigil report --reproduce</c> possible without the database.
/// </summary>
public sealed record ReportInputs
{
    public required string ModelVersion { get; init; }
    public required string TaxonomyVersion { get; init; }
    public string? PolicyVersion { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public DateOnly? ChangeDate { get; init; }
    public required int SampleSize { get; init; }
    public required long Seed { get; init; }
    public required IReadOnlyList<double> StratumQuantiles { get; init; }
    public required int MinimumPerStratum { get; init; }
    public required string PopulationSha256 { get; init; }
    public required int PopulationPosts { get; init; }
    public required long PopulationViews { get; init; }
    public required int UnscoredPosts { get; init; }
    public required long RepostsExcluded { get; init; }
    public required IReadOnlyList<WeekSample> Samples { get; init; }
    public IReadOnlyList<ReportSection> SuppliedSections { get; init; } = [];
}
