namespace Vigil.Detection.Training;

/// <summary>Fits the post-hoc calibration that turns raw head scores into probabilities, on dev data only.</summary>
internal static class Calibrator
{
    /// <summary>Platt scaling: p = σ(a·s + b), fitted by Newton's method on the log-loss (with Platt's smoothed targets).</summary>
    public static (float Scale, float Shift) FitPlatt(List<float> scores, List<int> labels)
    {
        if (scores.Count == 0) return (1, 0);
        var positives = 0;
        foreach (var l in labels) positives += l;
        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1.0 / (scores.Count - positives + 2.0);
        // Newton's method from the prior (a = 0), halving any step that would raise the loss: plain Newton can
        // overshoot on well-separated scores.
        double a = 0, b = Math.Log((positives + 1.0) / (scores.Count - positives + 1.0));
        var loss = Loss(a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (var i = 0; i < scores.Count; i++)
            {
                var s = scores[i];
                var p = 1 / (1 + Math.Exp(-(a * s + b)));
                var d = p - Target(i);
                var w = p * (1 - p);
                ga += d * s; gb += d;
                haa += w * s * s; hab += w * s; hbb += w;
            }
            var det = haa * hbb - hab * hab;
            if (Math.Abs(det) < 1e-12) break;
            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            var step = 1.0;
            while (step > 1e-6 && Loss(a - step * da, b - step * db) > loss) step /= 2;
            a -= step * da; b -= step * db;
            var previous = loss;
            loss = Loss(a, b);
            if (previous - loss < 1e-10) break;
        }
        return ((float)a, (float)b);

        double Target(int i) => labels[i] == 1 ? hi : lo;

        double Loss(double sa, double sb)
        {
            var total = 0.0;
            for (var i = 0; i < scores.Count; i++)
            {
                var z = sa * scores[i] + sb;
                // log(1 + e^z) − t·z, written to stay finite for large |z|.
                total += Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - Target(i) * z;
            }
            return total;
        }
    }

    /// <summary>The calibrated-probability threshold that maximises macro-F1 on the given dev rows.</summary>
    public static float BestThreshold(List<float> scores, List<int> labels, float scale, float shift, out double bestF1)
    {
        bestF1 = -1;
        var best = 0.5f;
        for (var step = 5; step <= 95; step++)
        {
            var threshold = step / 100f;
            int tp = 0, fp = 0, fn = 0, tn = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var predicted = 1 / (1 + MathF.Exp(-(scale * scores[i] + shift))) >= threshold;
                if (predicted) { if (labels[i] == 1) tp++; else fp++; }
                else { if (labels[i] == 1) fn++; else tn++; }
            }
            var f1 = (F1(tp, fp, fn) + F1(tn, fn, fp)) / 2;
            if (f1 > bestF1 + 1e-9) { bestF1 = f1; best = threshold; }
        }
        return best;
    }

    /// <summary>Softmax temperature minimising the dev negative log-likelihood (grid search: one parameter, cheap).</summary>
    public static float FitTemperature(List<(float[] Raw, int Label)> rows, int column)
    {
        var best = 1f;
        var bestLoss = double.PositiveInfinity;
        for (var step = 2; step <= 60; step++)
        {
            var t = step / 10f;
            var loss = 0.0;
            foreach (var (raw, label) in rows)
            {
                var max = Math.Max(raw[column], Math.Max(raw[column + 1], raw[column + 2])) / t;
                var sum = 0.0;
                for (var k = 0; k < 3; k++) sum += Math.Exp(raw[column + k] / t - max);
                loss -= raw[column + label] / t - max - Math.Log(sum);
            }
            if (loss < bestLoss) { bestLoss = loss; best = t; }
        }
        return best;
    }

    private static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
}
