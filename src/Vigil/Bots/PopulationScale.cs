namespace Vigil.Bots;

/// <summary>
/// Expresses an account's features relative to the population it was scored in: per feature, (value − median) divided
/// by the population's robust spread (1.4826 × the median absolute deviation; the standard deviation where more than
/// half the values are equal, as with flags). Exports of different platforms and years differ in their collection
/// (bands, eras, what a "typical" account looks like there); a model that reads "follows far more than this
/// population's median account" carries across them where one that reads "follows 2,000" does not.
/// </summary>
internal sealed class PopulationScale
{
    /// <summary>Fewer accounts than this make a population too small to measure against: the model's own reference is used.</summary>
    public const int MinAccounts = 50;

    private readonly double[] _medians;
    private readonly double[] _spreads;

    private PopulationScale(double[] medians, double[] spreads)
    {
        _medians = medians;
        _spreads = spreads;
    }

    /// <summary>The scale of <paramref name="rows"/> (feature vectors of length <see cref="BotFeatures.Count"/>); a feature no row holds stays missing.</summary>
    public static PopulationScale Of(IReadOnlyList<double[]> rows)
    {
        var medians = new double[BotFeatures.Count];
        var spreads = new double[BotFeatures.Count];
        var values = new List<double>(rows.Count);
        for (var f = 0; f < BotFeatures.Count; f++)
        {
            values.Clear();
            foreach (var row in rows) if (!double.IsNaN(row[f])) values.Add(row[f]);
            if (values.Count == 0) { (medians[f], spreads[f]) = (double.NaN, 1); continue; }
            values.Sort();
            var median = Median(values);
            var deviations = values.Select(v => Math.Abs(v - median)).Order().ToList();
            var spread = 1.4826 * Median(deviations);
            if (spread < 1e-9) spread = StandardDeviation(values);
            (medians[f], spreads[f]) = (median, spread < 1e-9 ? 1 : spread);
        }
        return new PopulationScale(medians, spreads);
    }

    /// <summary>Rewrites <paramref name="features"/> in place; fixed evidence (flags read as 0/1 by the scorer) is left as it is.</summary>
    public void Apply(Span<double> features)
    {
        for (var f = 0; f < features.Length; f++)
        {
            if (BotScorer.IsFixedEvidence((BotFeature)f) || double.IsNaN(features[f])) continue;
            features[f] = double.IsNaN(_medians[f]) ? double.NaN : (features[f] - _medians[f]) / _spreads[f];
        }
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static double StandardDeviation(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
