namespace Vigil.Measurement;

/// <summary>
/// A platform-sized population with known truth for validating the estimators: posts with a true label, a classifier
/// score that separates them imperfectly, and heavy-tailed views. Far cheaper than a full simulated platform, so a
/// thousand replications run in seconds; design-based inference conditions on the population anyway, so what is
/// replicated is the sampling, exactly as in the method's claim.
/// </summary>
public sealed record SyntheticPopulationOptions
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
    public long Seed { get; init; } = 1;
}

public sealed record SyntheticPopulation(IReadOnlyList<PopulationItem> Items, bool[] Truth, double PostPrevalence, double ViewPrevalence)
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
            var j = k + random.NextInt(n - k);
            (order[k], order[j]) = (order[j], order[k]);
            truth[order[k]] = true;
        }

        var items = new PopulationItem[n];
        double views = 0, hatefulViews = 0;
        var d = options.ClassifierSeparation;
        var priorLogOdds = Math.Log(options.Prevalence / (1 - options.Prevalence));
        for (var i = 0; i < n; i++)
        {
            // Equal-variance Gaussian signal; the score is its exact posterior probability, i.e. a calibrated classifier.
            var signal = (truth[i] ? d : 0) + random.NextGaussian();
            var score = 1 / (1 + Math.Exp(-(priorLogOdds + d * signal - d * d / 2)));
            var postViews = (long)Math.Round(Math.Exp(options.LogViewsMean + options.LogViewsSigma * random.NextGaussian()) *
                                             (truth[i] ? options.HatefulViewsFactor : 1));
            items[i] = new PopulationItem(i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), score, postViews);
            views += postViews;
            if (truth[i]) hatefulViews += postViews;
        }
        return new SyntheticPopulation(items, truth, (double)positives / n, hatefulViews / views);
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
