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
    /// Score quantiles that bound the strata. Finer at the top, where the rare positives are; the design works with any
    /// scores but gains most when they are calibrated probabilities.
    /// </summary>
    public IReadOnlyList<double> StratumQuantiles { get; init; } = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999];
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
