namespace Vigil.Bots;

/// <summary>
/// An account with its label, its posting behaviour when the source has its posts, and what the coordination stage found
/// when it ran on them (simulated platforms; no research set has the posts).
/// </summary>
public sealed record LabelledAccount(AccountProfile Profile, bool IsBot, PostingBehaviour? Behaviour = null, CoordinationSignal? Coordination = null);

/// <summary>Training settings. <see cref="L2"/> is per unit of (normalised) sample weight, so it means the same at any size.</summary>
public sealed record BotTrainingOptions
{
    public double L2 { get; init; } = 1e-3;
    public int MaxIterations { get; init; } = 50;
    /// <summary>
    /// A feature enters the research model only when at least this many of its training sets hold it: a relation seen
    /// in one set alone is as likely that set's quirk as a trait of bots (fewer when there are fewer sets).
    /// </summary>
    public int MinSetsHoldingFeature { get; init; } = 2;
    /// <summary>
    /// Evaluation experiment (<c>bots eval --relative</c>, rejected: models/bots/README.md): train and test on features
    /// relative to each set's own population (<see cref="PopulationScale"/>) rather than on raw logs and ratios.
    /// </summary>
    public bool RelativeToPopulation { get; init; }
    /// <summary>
    /// Evaluation experiment (<c>bots eval --prior-shift</c>, rejected: models/bots/README.md): adjust each tested set's
    /// probabilities to its estimated bot share (<see cref="PriorShift"/>) before the threshold.
    /// </summary>
    public bool AdjustToPrior { get; init; }
    /// <summary>
    /// Evaluation experiment (<c>bots eval --ensemble</c>): one specialist per bot kind instead of one model
    /// (<see cref="SpecialistEnsemble"/>); null for the single model.
    /// </summary>
    public EnsembleVote? Ensemble { get; init; }
    /// <summary>
    /// With <see cref="Ensemble"/>: each specialist keeps only the features on which bots sit on the same side of humans
    /// in every training set that holds them (the per-feature direction check), not every feature its own set holds.
    /// </summary>
    public bool SignConsistentSpecialists { get; init; }
    /// <summary>
    /// With <see cref="Ensemble"/>: each specialist learns its set's bots against that set's own humans, not every set's,
    /// so that it cannot tell its bots apart by what marks their data set rather than their kind.
    /// </summary>
    public bool OwnHumanSpecialists { get; init; }
    /// <summary>With <see cref="Ensemble"/>: the scale the specialists' scores are read on before the vote.</summary>
    public SpecialistScale SpecialistScale { get; init; } = SpecialistScale.Own;
}

/// <summary>
/// Fits a <see cref="BotModel"/> by Newton's method on an L2-penalised logistic loss: exact and deterministic for the
/// few dozen features involved, so no seed and no learning rate to tune.
/// </summary>
internal static class BotTrainer
{
    /// <summary>
    /// Trains on the union of <paramref name="sets"/>. Every (data set, class) cell gets the same total weight: otherwise
    /// the largest set and its class mix would define "bot", which is exactly what fails on a new data set.
    /// </summary>
    public static BotModel Train(IReadOnlyList<FeatureSet> sets, IReadOnlyList<BotFeature> features, string version,
        BotTrainingOptions options)
    {
        var rows = new List<(double[] X, bool Y, double W)>();
        var cells = sets.Count * 2;
        foreach (var set in sets)
        {
            var bots = set.CountBots();
            var humans = set.Rows.Count - bots;
            foreach (var row in set.Rows)
            {
                var cellSize = row.IsBot ? bots : humans;
                rows.Add((row.Features, row.IsBot, 1.0 / (cells * cellSize)));
            }
        }
        var model = TrainWeighted(rows, features, version, options,
            sets.Select(s => $"{s.Name} ({s.Rows.Count} accounts, {s.CountBots()} bots)").ToArray());
        return model with { Threshold = ChooseThreshold(model, sets) };
    }

    /// <summary>Fits on rows that carry their own sample weights; the threshold is left at 0.5 for the caller to set.</summary>
    internal static BotModel TrainWeighted(List<(double[] X, bool Y, double W)> rows, IReadOnlyList<BotFeature> features,
        string version, BotTrainingOptions options, IReadOnlyList<string> trainedOn)
    {
        if (rows.Count == 0) throw new InvalidOperationException("no training rows");

        var d = features.Count;
        var means = new double[d];
        var scales = new double[d];
        for (var slot = 0; slot < d; slot++) (means[slot], scales[slot]) = MeanAndScale(rows, (int)features[slot]);

        // Standardise exactly as scoring will, through the model's own method, before the weights exist.
        var scaling = new BotModel
        {
            Version = version, Features = features.ToArray(), Means = means, Scales = scales, Weights = new double[d],
            Bias = 0, Threshold = 0.5, RelativeToPopulation = options.RelativeToPopulation,
            AdjustsToPrior = options.AdjustToPrior,
        };
        var z = new double[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            z[i] = new double[d];
            for (var slot = 0; slot < d; slot++) z[i][slot] = scaling.Standardise(slot, rows[i].X[(int)features[slot]]);
        }

        var theta = Newton(z, rows, d, options);
        var references = new double[d];
        for (var slot = 0; slot < d; slot++) references[slot] = HumanMedian(rows, (int)features[slot], means[slot]);
        return scaling with { Weights = theta[..d], Bias = theta[d], TrainedOn = trainedOn, References = references };
    }

    /// <summary>
    /// The weighted median of a feature over the human rows that hold it: a typical person's value, each training set
    /// weighing the same (<paramref name="fallback"/> when no human holds it).
    /// </summary>
    private static double HumanMedian(List<(double[] X, bool Y, double W)> rows, int feature, double fallback)
    {
        var humans = rows.Where(r => !r.Y && !double.IsNaN(r.X[feature])).Select(r => (Value: r.X[feature], r.W))
            .OrderBy(h => h.Value).ToArray();
        var half = humans.Sum(h => h.W) / 2;
        double cumulative = 0;
        foreach (var (value, weight) in humans)
        {
            cumulative += weight;
            if (cumulative >= half) return value;
        }
        return fallback;
    }

    /// <summary>
    /// The threshold that maximises the mean over training sets of Youden's J (recall minus false-positive rate).
    /// F1's optimum moves with each set's bot share, and a set the model cannot separate drags an F1 optimum to
    /// "everyone is a bot"; J is blind to the share and flat on such a set.
    /// </summary>
    internal static double ChooseThreshold(BotModel model, IReadOnlyList<FeatureSet> sets)
    {
        var scores = sets.Select(s => s.Rows.Select(r => Probability(model, r.Features)).ToArray()).ToArray();
        var labels = sets.Select(s => s.Labels()).ToArray();
        double best = 0.5, bestJ = double.NegativeInfinity;
        for (var step = 5; step <= 95; step++)
        {
            var threshold = step / 100.0;
            double meanJ = 0;
            for (var s = 0; s < sets.Count; s++) meanJ += BotMetrics.YoudenJ(scores[s], labels[s], threshold);
            meanJ /= sets.Count;
            if (meanJ > bestJ) (best, bestJ) = (threshold, meanJ);
        }
        return best;
    }

    internal static double Probability(BotModel model, double[] features) => BotScorer.Sigmoid(LogOdds(model, features));

    /// <summary>The model's log-odds with the fixed evidence the scorer adds (<see cref="BotScorer.FixedEvidenceLogOdds"/>): what a command scores.</summary>
    internal static double LogOdds(BotModel model, double[] features)
    {
        var logit = model.Bias + BotScorer.FixedEvidenceLogOdds(model, features);
        for (var slot = 0; slot < model.Features.Count; slot++)
            logit += model.Weights[slot] * model.Standardise(slot, features[(int)model.Features[slot]]);
        return logit;
    }

    /// <summary>
    /// Platt scaling: the slope and intercept that turn log-odds into calibrated log-odds, fitted on scores of accounts
    /// the model did not train on. Each set carries the same total weight, so the calibration is not the largest set's.
    /// </summary>
    internal const double MinCalibrationSlope = 0.05;

    internal static (double Slope, double Intercept) Platt(IReadOnlyList<(double[] LogOdds, bool[] Labels)> heldOut, BotTrainingOptions options)
    {
        var z = new List<double[]>();
        var rows = new List<(double[] X, bool Y, double W)>();
        foreach (var (logOdds, labels) in heldOut)
            for (var i = 0; i < logOdds.Length; i++)
            {
                z.Add([logOdds[i]]);
                rows.Add((z[^1], labels[i], 1.0 / (heldOut.Count * logOdds.Length)));
            }
        var theta = Newton(z.ToArray(), rows, 1, options);
        // A slope at or below zero says the model ranks unseen sets no better than chance (or backwards); turning it
        // around would be fitting the held-out sets, so the ranking is kept and only flattened.
        return (Math.Max(MinCalibrationSlope, theta[0]), theta[1]);
    }

    private static (double Mean, double Scale) MeanAndScale(List<(double[] X, bool Y, double W)> rows, int feature)
    {
        double sum = 0, sumSquares = 0;
        var n = 0;
        foreach (var row in rows)
        {
            var v = row.X[feature];
            if (double.IsNaN(v)) continue;
            sum += v;
            sumSquares += v * v;
            n++;
        }
        if (n == 0) return (0, 1);
        var mean = sum / n;
        var sd = Math.Sqrt(Math.Max(0, sumSquares / n - mean * mean));
        return (mean, sd > 1e-9 ? sd : 1);
    }

    private static double[] Newton(double[][] z, List<(double[] X, bool Y, double W)> rows, int d, BotTrainingOptions options)
    {
        var p = d + 1; // weights then bias
        var theta = new double[p];
        var gradient = new double[p];
        var hessian = new double[p, p];
        var x = new double[p];
        x[d] = 1;
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (var i = 0; i < z.Length; i++)
            {
                z[i].CopyTo(x, 0);
                double logit = 0;
                for (var j = 0; j < p; j++) logit += theta[j] * x[j];
                var prob = BotScorer.Sigmoid(logit);
                var w = rows[i].W;
                var residual = w * (prob - (rows[i].Y ? 1 : 0));
                var curvature = w * prob * (1 - prob);
                for (var j = 0; j < p; j++)
                {
                    gradient[j] += residual * x[j];
                    for (var k = 0; k <= j; k++) hessian[j, k] += curvature * x[j] * x[k];
                }
            }
            for (var j = 0; j < d; j++) // the bias is not penalised
            {
                gradient[j] += options.L2 * theta[j];
                hessian[j, j] += options.L2;
            }
            for (var j = 0; j < p; j++)
                for (var k = 0; k < j; k++) hessian[k, j] = hessian[j, k];
            var step = Cholesky.Solve(hessian, gradient);
            double largest = 0;
            for (var j = 0; j < p; j++)
            {
                theta[j] -= step[j];
                largest = Math.Max(largest, Math.Abs(step[j]));
            }
            if (largest < 1e-9) break;
        }
        return theta;
    }
}

/// <summary>Solves a symmetric positive-definite system; the L2 term keeps the Hessian positive definite.</summary>
internal static class Cholesky
{
    public static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (sum <= 0) throw new InvalidOperationException("matrix is not positive definite");
                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++) sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++) sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }
}
