namespace Vigil.Detection.Evaluation;

/// <summary>Accuracy, macro-F1, per-class F1, confusion matrix and expected calibration error of one evaluation.</summary>
public sealed record ClassificationMetrics(
    string DataSet, string Task, IReadOnlyList<string> Classes, int[,] Confusion, double ExpectedCalibrationError)
{
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var c in Confusion) n += c;
            return n;
        }
    }

    public double Accuracy
    {
        get
        {
            var correct = 0;
            for (var k = 0; k < Classes.Count; k++) correct += Confusion[k, k];
            return Count == 0 ? 0 : (double)correct / Count;
        }
    }

    public double F1(int k)
    {
        int tp = Confusion[k, k], fp = 0, fn = 0;
        for (var j = 0; j < Classes.Count; j++)
        {
            if (j == k) continue;
            fp += Confusion[j, k];
            fn += Confusion[k, j];
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    public double MacroF1
    {
        get
        {
            var sum = 0.0;
            for (var k = 0; k < Classes.Count; k++) sum += F1(k);
            return sum / Classes.Count;
        }
    }

    /// <summary>Builds the metrics from (gold, predicted, probability the prediction is right-class-positive) triples.</summary>
    /// <param name="confidence">For each row, the model's probability of the class ECE is measured on (class 1 for
    /// binary tasks, the predicted class for multi-class ones) and whether that class is the gold one.</param>
    internal static ClassificationMetrics From(string dataSet, string task, IReadOnlyList<string> classes,
        IReadOnlyList<int> gold, IReadOnlyList<int> predicted, IReadOnlyList<(double P, bool Hit)> confidence)
    {
        var confusion = new int[classes.Count, classes.Count];
        for (var i = 0; i < gold.Count; i++) confusion[gold[i], predicted[i]]++;
        return new ClassificationMetrics(dataSet, task, classes, confusion, CalibrationError(confidence));
    }

    /// <summary>Expected calibration error over 10 equal-width bins: Σ (bin share) · |mean p − observed rate|.</summary>
    internal static double CalibrationError(IReadOnlyList<(double P, bool Hit)> rows, int bins = 10)
    {
        if (rows.Count == 0) return 0;
        var sumP = new double[bins];
        var hits = new int[bins];
        var counts = new int[bins];
        foreach (var (p, hit) in rows)
        {
            var bin = Math.Min(bins - 1, (int)(p * bins));
            sumP[bin] += p;
            counts[bin]++;
            if (hit) hits[bin]++;
        }
        var error = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (counts[b] == 0) continue;
            error += (double)counts[b] / rows.Count * Math.Abs(sumP[b] / counts[b] - (double)hits[b] / counts[b]);
        }
        return error;
    }
}
