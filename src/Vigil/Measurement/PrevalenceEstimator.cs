namespace Vigil.Measurement;

/// <summary>
/// A prevalence estimate with its 95% interval and the facts needed to read it: what was counted over what.
/// </summary>
public sealed record PrevalenceEstimate(
    double Value,
    Interval Interval,
    double StandardError,
    double EffectiveSampleSize,
    int LabelledPosts,
    int PositivePosts,
    string Numerator,
    string Denominator);

/// <summary>Prevalence by posts and by views from one labelled sample.</summary>
public sealed record PrevalenceResult(SamplingDesign Design, PrevalenceEstimate ByPosts, PrevalenceEstimate ByViews);

/// <summary>
/// Design-based estimators. The without-replacement designs (simple random, score-stratified) use the model-assisted
/// difference estimator: the classifier's expected count, known for every post, corrected by the labelled sample's
/// residuals (label − score). It stays unbiased whatever the classifier's quality — a bad classifier widens the
/// interval — and it does not lose the positives hidden in large, lightly sampled strata, which is what biases the plain
/// stratified estimator low on rare categories. Its variance per stratum leans on what the labels say the score means
/// (<see cref="ScoreRecalibration"/>) where the labels are too few to measure it, so intervals hold with a classifier
/// miscalibrated in the ways a logistic recalibration follows (not with one that hides positives in its low range only:
/// see docs/MEASUREMENT.md). The views-proportional design uses the Hansen–Hurwitz estimator. Every interval is Clopper–Pearson on
/// the Korn–Graubard effective sample size, which stays honest near zero where the normal interval does not.
/// </summary>
public static class PrevalenceEstimator
{
    private const double Confidence = 0.95;

    /// <param name="positives">For each item of <paramref name="sample"/>, in order, whether the label says it is in the category.</param>
    public static PrevalenceResult Estimate(MeasurementSample sample, IReadOnlyList<bool> positives, string category)
    {
        if (positives.Count != sample.Items.Count)
            throw new ArgumentException($"{positives.Count} labels for {sample.Items.Count} sampled posts.", nameof(positives));
        return sample.Design == SamplingDesign.ViewsProportional
            ? EstimateViewsProportional(sample, positives, category)
            : EstimateStratified(sample, positives, category);
    }

    private static PrevalenceResult EstimateStratified(MeasurementSample sample, IReadOnlyList<bool> positives, string category)
    {
        var strataCount = sample.Strata.Count;
        var posts = new Moments[strataCount];
        var views = new Moments[strataCount];
        var expected = new ExpectedResidual[strataCount];
        var recalibration = ScoreRecalibration.Fit(sample.Items, positives);
        var positiveCount = 0;
        for (var k = 0; k < sample.Items.Count; k++)
        {
            var item = sample.Items[k];
            var residual = (positives[k] ? 1 : 0) - item.Score;
            posts[item.Stratum].Add(residual);
            views[item.Stratum].Add(item.Views * residual);
            expected[item.Stratum].Add(recalibration.Probability(item.Score), item.Score, item.Views);
            if (positives[k]) positiveCount++;
        }

        // Totals: Σ_h (known score total of h + N_h · mean residual in h); variance Σ_h N_h² (1 − f_h) v_h / n_h.
        double postTotal = 0, postVariance = 0, viewTotal = 0, viewVariance = 0;
        for (var h = 0; h < strataCount; h++)
        {
            var stratum = sample.Strata[h];
            postTotal += stratum.ScoreSum;
            viewTotal += stratum.ViewWeightedScoreSum;
            var n = posts[h].Count;
            if (n == 0) continue;
            var size = (double)stratum.Posts;
            postTotal += size * posts[h].Mean;
            viewTotal += size * views[h].Mean;
            var expansion = size * size * (1 - n / size) / n;
            postVariance += expansion * expected[h].PostVariance(posts[h].SampleVariance, stratum);
            viewVariance += expansion * expected[h].ViewVariance(views[h].SampleVariance, stratum);
        }

        var postCount = (double)sample.PopulationPosts;
        var viewCount = (double)sample.PopulationViews;
        var byPosts = Build(Math.Clamp(postTotal / postCount, 0, 1), postVariance / (postCount * postCount),
            sample.Items.Count, positiveCount, $"{category} posts", "all posts in the period (reposts excluded)");
        var byViews = Build(viewCount > 0 ? Math.Clamp(viewTotal / viewCount, 0, 1) : 0,
            viewCount > 0 ? viewVariance / (viewCount * viewCount) : 0,
            sample.Items.Count, positiveCount, $"views of {category} posts", "all views of posts in the period");
        return new PrevalenceResult(sample.Design, byPosts, byViews);
    }

    private static PrevalenceResult EstimateViewsProportional(MeasurementSample sample, IReadOnlyList<bool> positives, string category)
    {
        // Each draw is a view chosen uniformly at random, so the category's share of draws is a plain binomial proportion.
        double draws = 0, hitDraws = 0;
        // By posts, Hansen–Hurwitz: each draw stands for 1/(n·q) posts, q its selection probability.
        var expanded = new Moments();
        var positiveCount = 0;
        for (var k = 0; k < sample.Items.Count; k++)
        {
            var item = sample.Items[k];
            var y = positives[k] ? 1.0 : 0.0;
            draws += item.Draws;
            hitDraws += y * item.Draws;
            if (positives[k]) positiveCount++;
            for (var d = 0; d < item.Draws; d++) expanded.Add(y / (item.InclusionProbability * sample.PopulationPosts));
        }

        var viewShare = hitDraws / draws;
        var byViews = new PrevalenceEstimate(viewShare, ProportionInterval.ClopperPearson(hitDraws, draws, Confidence),
            Math.Sqrt(viewShare * (1 - viewShare) / draws), draws, sample.Items.Count, positiveCount,
            $"views of {category} posts", "all views of posts in the period");
        var byPosts = Build(Math.Clamp(expanded.Mean, 0, 1), expanded.SampleVariance / draws, sample.Items.Count, positiveCount,
            $"{category} posts", "posts in the period with at least one view");
        return new PrevalenceResult(sample.Design, byPosts, byViews);
    }

    /// <summary>
    /// Korn–Graubard: the design's variance turned into the sample size a simple random sample would need for it, then
    /// an exact interval on that size. Not capped at the labels collected: a good design is worth more than its label
    /// count, and that gain is the reason to stratify. With no variance to go on (every label agreed with a certain
    /// score), the labels collected stand in.
    /// </summary>
    private static PrevalenceEstimate Build(double estimate, double variance, int labelled, int positives, string numerator,
        string denominator)
    {
        var spread = estimate * (1 - estimate);
        var effective = variance > 0 && spread > 0 ? spread / variance : labelled;
        var interval = ProportionInterval.ClopperPearson(estimate * effective, effective, Confidence);
        return new PrevalenceEstimate(estimate, interval, Math.Sqrt(variance), effective, labelled, positives, numerator, denominator);
    }

    /// <summary>Running count, mean and sum of squares (Welford), so each stratum is one pass with no buffers.</summary>
    private struct Moments
    {
        private double _mean, _squares;
        public int Count { get; private set; }
        public readonly double Mean => _mean;
        public readonly double SampleVariance => Count > 1 ? _squares / (Count - 1) : 0;

        public void Add(double value)
        {
            Count++;
            var delta = value - _mean;
            _mean += delta / Count;
            _squares += delta * (value - _mean);
        }
    }

    /// <summary>
    /// What a stratum's residual variance should be if the labels' own calibration of the score (q) holds, and how many
    /// positives its labels were expected to hold (Σq). Per post, E[(y − s)²] = q(1−q) + (q − s)²; the stratum's mean is
    /// the population's known mean of s(1−s) (views: v²·s(1−s)) scaled by the sampled posts' ratio of the two, so that a
    /// heavily viewed post the sample missed still counts. With no score spread at all (unscored posts) the sampled
    /// posts' own mean stands in.
    /// </summary>
    private struct ExpectedResidual
    {
        private const double PriorPositives = 1;
        private double _positives, _variance, _calibrated, _viewVariance, _viewCalibrated;
        private int _count;

        public void Add(double recalibrated, double score, long views)
        {
            var variance = recalibrated * (1 - recalibrated) + (recalibrated - score) * (recalibrated - score);
            var calibrated = score * (1 - score);
            var squaredViews = (double)views * views;
            _count++;
            _positives += recalibrated;
            _variance += variance;
            _calibrated += calibrated;
            _viewVariance += squaredViews * variance;
            _viewCalibrated += squaredViews * calibrated;
        }

        /// <summary>
        /// By posts: the sample variance shrunk toward the expected one with the weight of one labelled positive. A rare
        /// category's sample variance rests on the few positives the stratum's labels hold: with none it is near zero
        /// although a positive may hide in the stratum, with one it is far above the truth, and intervals built on it
        /// cover too little. The expected variance fills in where the labels say little and fades as positives accrue;
        /// being fitted to the labels, it does not need the classifier to have been calibrated.
        /// </summary>
        public readonly double PostVariance(double sampleVariance, Stratum stratum)
        {
            var expected = Expected(stratum.ExpectedResidualVariance, _variance, _calibrated);
            return (_positives * sampleVariance + PriorPositives * expected) / (_positives + PriorPositives);
        }

        /// <summary>
        /// By views: the larger of the sample variance and the expected one. Views are heavy-tailed on top of the rare
        /// label, so a stratum's sample usually misses the posts that carry most of its variance, however many positives
        /// it holds; the expected variance, which knows every post's views, is the floor.
        /// </summary>
        public readonly double ViewVariance(double sampleVariance, Stratum stratum) =>
            Math.Max(sampleVariance, Expected(stratum.ExpectedViewResidualVariance, _viewVariance, _viewCalibrated));

        /// <summary>
        /// The larger of what the score implies taken at its word and what the labels' recalibration implies. The
        /// recalibration is there to raise the floor where the score under-predicts; letting it lower the floor would
        /// let a sample that happened to draw few positives vouch for its own narrow interval.
        /// </summary>
        private readonly double Expected(double populationCalibrated, double sampleExpected, double sampleCalibrated) =>
            Math.Max(populationCalibrated,
                sampleCalibrated > 0 ? populationCalibrated * sampleExpected / sampleCalibrated : sampleExpected / _count);
    }
}
