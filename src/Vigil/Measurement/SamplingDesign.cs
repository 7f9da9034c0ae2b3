namespace Vigil.Measurement;

public enum SamplingDesign
{
    /// <summary>Simple random sampling without replacement: every post equally likely.</summary>
    SimpleRandom,
    /// <summary>
    /// Strata by classifier score, labels allocated by Neyman's rule (more where the outcome varies most): the design
    /// that makes rare categories affordable to measure.
    /// </summary>
    ScoreStratified,
    /// <summary>
    /// Draws with replacement, each with probability proportional to views: the design for prevalence by views, where
    /// each draw is one "view picked at random" and the share of hateful draws is an exact binomial proportion.
    /// </summary>
    ViewsProportional,
}

/// <summary>One post of the population a sample is drawn from: what is known before anyone labels it.</summary>
public readonly record struct PopulationItem(string Id, double Score, long Views);

public sealed record SampleOptions
{
    public required SamplingDesign Design { get; init; }
    /// <summary>Labels to collect: distinct posts for the without-replacement designs, draws for views-proportional.</summary>
    public required int Size { get; init; }
    public long Seed { get; init; } = 1;
    /// <summary>
    /// Number of strata when the boundaries are chosen from the scores (<see cref="StratumQuantiles"/> null): each stratum
    /// then holds an equal share of Σ√(s(1−s)), the expected residual standard deviation the model-assisted estimator
    /// leaves, so W_h·σ_h is about equal across strata and Neyman allocation gives each about n/H labels. More strata come
    /// closer to the bound a design on this score can reach (the Jensen gap between √(mean s(1−s)) and mean √(s(1−s))
    /// shrinks as 1/H²); the floor per stratum caps how many are useful.
    /// </summary>
    public int StrataCount { get; init; } = 20;
    /// <summary>
    /// Score quantiles that bound the strata, when the caller wants fixed ones (the transparency report records its own);
    /// null chooses the boundaries from the scores as <see cref="StrataCount"/> describes, which is what makes rare
    /// categories cheap. Either way the design is valid with any scores; calibrated ones only make it more efficient.
    /// </summary>
    public IReadOnlyList<double>? StratumQuantiles { get; init; }
    /// <summary>
    /// Floor on each stratum's labels: Neyman allocation starves strata that look empty, and a stratum needs labels for
    /// its variance to be estimable at all.
    /// </summary>
    public int MinimumPerStratum { get; init; } = 10;
}

/// <summary>
/// A stratum of the sampling frame: its score range, how many posts and views it holds, how many were drawn, and what
/// the classifier's scores say about all its posts, which the model-assisted estimator uses: the expected number of
/// positives (Σ s) and of positive views (Σ v·s), and the residual variance a calibrated classifier implies per post
/// (mean of s(1−s), and of v²·s(1−s) for views).
/// </summary>
public sealed record Stratum(int Index, double ScoreFrom, double ScoreTo, int Posts, long Views, int Sampled,
    double ScoreSum, double ViewWeightedScoreSum, double ExpectedResidualVariance, double ExpectedViewResidualVariance);

/// <summary>
/// A sampled post with everything the estimator needs: its stratum, its probability of inclusion (for a with-replacement
/// design, the per-draw selection probability) and how many times it was drawn.
/// </summary>
public sealed record SampledItem(string Id, int Stratum, double Score, long Views, double InclusionProbability, int Draws);

/// <summary>The drawn sample and the frame it was drawn from: the labelling task plus the facts its estimates rest on.</summary>
public sealed record MeasurementSample(
    SamplingDesign Design,
    long Seed,
    int PopulationPosts,
    long PopulationViews,
    IReadOnlyList<Stratum> Strata,
    IReadOnlyList<SampledItem> Items);
