using Vigil.Measurement;
using Vigil.Model;

namespace Vigil.Simulation.Synthetic;

/// <summary>
/// A platform-sized population with known truth for validating the estimators: posts with a true label, a classifier
/// score that separates them imperfectly, and heavy-tailed views. Far cheaper than a full simulated platform, so a
/// thousand replications run in seconds; design-based inference conditions on the population anyway, so what is
/// replicated is the sampling, exactly as in the method's claim.
/// </summary>
internal sealed record SyntheticPopulationOptions
{
    public int Posts { get; init; } = 1_000_000;
    public required double Prevalence { get; init; }
    /// <summary>
    /// Distance between the classes' mean classifier signal in standard deviations (d′): 2.5 gives an AUC of 0.96,
    /// 2.0 of 0.92, 3.0 of 0.98.
    /// </summary>
    public double ClassifierSeparation { get; init; } = 2.5;
    /// <summary>Views are log-normal: median e^μ, tail set by σ (σ = 2 puts ~40% of views on the top 1% of posts).</summary>
    public double LogViewsMean { get; init; } = 4;
    public double LogViewsSigma { get; init; } = 2;
    /// <summary>Hateful posts' views are multiplied by this, so prevalence by views differs from prevalence by posts.</summary>
    public double HatefulViewsFactor { get; init; } = 1.6;
    /// <summary>
    /// A monotone distortion of the calibrated score, s′ = logistic(a·logit(s) + b): the ranking (and so the AUC) stays,
    /// calibration goes. The design must stay valid with such a score and only lose efficiency; (1, 0) leaves it calibrated.
    /// </summary>
    public ScoreDistortion Distortion { get; init; } = ScoreDistortion.None;
    public long Seed { get; init; } = 1;
}

/// <summary>
/// s′ = logistic(Slope·logit(s) + Offset): Slope &lt; 1 under-confident, &gt; 1 over-confident, Offset shifts the base rate.
/// Then every s′ below <see cref="LowRange"/> is divided by <see cref="LowRangeDivisor"/>: a score that misses positives only
/// in its low range (coded hate the detector does not know), a shape no two-parameter recalibration can follow.
/// </summary>
public readonly record struct ScoreDistortion(double Slope, double Offset, double LowRangeDivisor = 1)
{
    public const double LowRange = 0.01;
    public static ScoreDistortion None => new(1, 0);
    public bool IsNone => Slope == 1 && Offset == 0 && LowRangeDivisor == 1;

    public double Apply(double logOdds)
    {
        var score = 1 / (1 + Math.Exp(-(Slope * logOdds + Offset)));
        return score < LowRange ? score / LowRangeDivisor : score;
    }
}

/// <param name="Posterior">Each post's calibrated probability of being hateful given its signal, before any distortion:
/// what the score says at best, and so what bounds every design that uses it.</param>
internal sealed record SyntheticPopulation(IReadOnlyList<PopulationItem> Items, bool[] Truth, double[] Posterior, double PostPrevalence,
    double ViewPrevalence)
{
    public static SyntheticPopulation Generate(SyntheticPopulationOptions options)
    {
        var random = new SeededRandom(options.Seed);
        var n = options.Posts;
        var truth = new bool[n];
        var positives = (int)Math.Round(options.Prevalence * n);
        // Exactly the requested number of positives, at random positions.
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        for (var k = 0; k < positives; k++)
        {
            var j = k + random.Next(n - k);
            (order[k], order[j]) = (order[j], order[k]);
            truth[order[k]] = true;
        }

        var items = new PopulationItem[n];
        var posterior = new double[n];
        double views = 0, hatefulViews = 0;
        var d = options.ClassifierSeparation;
        var priorLogOdds = Math.Log(options.Prevalence / (1 - options.Prevalence));
        for (var i = 0; i < n; i++)
        {
            // Equal-variance Gaussian signal; the score is its exact posterior probability, i.e. a calibrated classifier.
            var signal = (truth[i] ? d : 0) + random.Normal();
            var logOdds = priorLogOdds + d * signal - d * d / 2;
            posterior[i] = 1 / (1 + Math.Exp(-logOdds));
            var score = options.Distortion.IsNone ? posterior[i] : options.Distortion.Apply(logOdds);
            var postViews = (long)Math.Round(Math.Exp(options.LogViewsMean + options.LogViewsSigma * random.Normal()) *
                                             (truth[i] ? options.HatefulViewsFactor : 1));
            items[i] = new PopulationItem(i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), score, postViews);
            views += postViews;
            if (truth[i]) hatefulViews += postViews;
        }
        return new SyntheticPopulation(items, truth, posterior, (double)positives / n, hatefulViews / views);
    }

    /// <summary>
    /// The fewest labels any design stratified on this score can need for a normal-approximation interval of ±target
    /// (relative) on prevalence by posts: Neyman allocation over infinitely fine strata with the model-assisted estimator,
    /// whose variance is (Σ√(q(1−q)))²/(nN²) − Σq(1−q)/N² with q the calibrated posterior. Without the finite-population
    /// term its ratio to simple random sampling's p(1−p)/n is the squared Bhattacharyya coefficient of the two score
    /// distributions, exp(−d′²/4) for the binormal score, whatever the prevalence.
    /// </summary>
    public double LabelsBound(double targetRelativeHalfWidth, double z = 1.959963984540054)
    {
        double deviations = 0, variances = 0;
        foreach (var q in Posterior)
        {
            deviations += Math.Sqrt(q * (1 - q));
            variances += q * (1 - q);
        }
        var n = (double)Posterior.Length;
        var targetVariance = Math.Pow(targetRelativeHalfWidth * PostPrevalence / z, 2);
        return deviations * deviations / (n * n * targetVariance + variances);
    }

    /// <summary>The oracle: true labels for a sample's items, in order.</summary>
    public bool[] LabelsFor(MeasurementSample sample)
    {
        var labels = new bool[sample.Items.Count];
        for (var k = 0; k < labels.Length; k++)
            labels[k] = Truth[int.Parse(sample.Items[k].Id, System.Globalization.CultureInfo.InvariantCulture)];
        return labels;
    }
}
