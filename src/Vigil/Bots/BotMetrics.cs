namespace Vigil.Bots;

/// <summary>
/// Precision, recall and F1 of the bot class at one threshold, and macro-F1: the mean of the bot class's and the human
/// class's F1, which does not reward calling everyone a bot in a set that is mostly bots.
/// </summary>
public readonly record struct ThresholdMetrics(double Precision, double Recall, double F1, double MacroF1);

internal static class BotMetrics
{
    /// <summary>Area under the ROC curve by the rank-sum statistic; tied scores count half.</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumPositives = 0;
        long positives = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            var averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (var k = i; k <= j; k++)
                if (labels[order[k]]) { rankSumPositives += averageRank; positives++; }
            i = j + 1;
        }
        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        return (rankSumPositives - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    public static ThresholdMetrics AtThreshold(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        long truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i]) truePositives++;
            else if (predicted) falsePositives++;
            else if (labels[i]) falseNegatives++;
            else trueNegatives++;
        }
        var precision = Share(truePositives, truePositives + falsePositives);
        var recall = Share(truePositives, truePositives + falseNegatives);
        var f1 = F1(precision, recall);
        var humanF1 = F1(Share(trueNegatives, trueNegatives + falseNegatives), Share(trueNegatives, trueNegatives + falsePositives));
        return new ThresholdMetrics(precision, recall, f1, (f1 + humanF1) / 2);
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static double F1(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    /// <summary>Recall minus false-positive rate at <paramref name="threshold"/>: 0 for a constant guess, 1 for a perfect cut.</summary>
    public static double YoudenJ(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        long truePositives = 0, positives = 0, falsePositives = 0, negatives = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (labels[i]) { positives++; if (predicted) truePositives++; }
            else { negatives++; if (predicted) falsePositives++; }
        }
        if (positives == 0 || negatives == 0) return 0;
        return (double)truePositives / positives - (double)falsePositives / negatives;
    }
}
