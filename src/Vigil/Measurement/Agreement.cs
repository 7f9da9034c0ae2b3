namespace Vigil.Measurement;

/// <summary>
/// Krippendorff's alpha for nominal labels: agreement among any number of annotators, tolerating missing labels, with
/// 1 perfect agreement and 0 what chance would give. Reported beside every human-labelled figure.
/// </summary>
internal static class Agreement
{
    /// <param name="unitLabels">For each labelled unit (post), the labels its annotators gave; units with fewer than two
    /// labels carry no information about agreement and are ignored.</param>
    /// <returns>Alpha, or NaN when fewer than two pairable labels exist or every label is the same value.</returns>
    public static double KrippendorffAlpha<TLabel>(IEnumerable<IReadOnlyList<TLabel>> unitLabels) where TLabel : notnull
    {
        // Coincidence matrix o[c,k]: each ordered pair of labels within a unit, weighted 1/(m−1).
        var coincidences = new Dictionary<(TLabel, TLabel), double>();
        var totals = new Dictionary<TLabel, double>();
        double pairable = 0;
        foreach (var labels in unitLabels)
        {
            var m = labels.Count;
            if (m < 2) continue;
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < m; j++)
                {
                    if (i == j) continue;
                    var key = (labels[i], labels[j]);
                    coincidences[key] = coincidences.GetValueOrDefault(key) + 1.0 / (m - 1);
                }
                totals[labels[i]] = totals.GetValueOrDefault(labels[i]) + 1;
            }
            pairable += m;
        }
        if (pairable < 2 || totals.Count < 2) return double.NaN;

        double observedDisagreement = 0;
        foreach (var ((c, k), count) in coincidences)
            if (!EqualityComparer<TLabel>.Default.Equals(c, k)) observedDisagreement += count;

        double expectedDisagreement = 0;
        foreach (var (c, nc) in totals)
        foreach (var (k, nk) in totals)
            if (!EqualityComparer<TLabel>.Default.Equals(c, k)) expectedDisagreement += nc * nk;

        return 1 - (pairable - 1) * observedDisagreement / expectedDisagreement;
    }
}
