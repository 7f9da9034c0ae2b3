namespace Vigil.Measurement;

/// <summary>
/// What the labels say the score means: P(label | score) = logistic(a + b·logit(score)), fitted to a labelled sample
/// (Platt scaling). Sampling on the score does not bias a model of the label given the score, so the plain, unweighted
/// fit is consistent under every design here. The estimator uses it only for its variance, so that its intervals rest on
/// what the labels show rather than on the classifier having been calibrated.
/// </summary>
internal readonly record struct ScoreRecalibration(double Intercept, double Slope)
{
    /// <summary>Scores are clamped this far from 0 and 1, so an unscored post (score 0) has a finite logit.</summary>
    private const double ScoreEpsilon = 1e-15;
    /// <summary>
    /// A Gaussian prior of this standard deviation on (a, b−1), centred on "the score is calibrated": it keeps the fit
    /// finite when the sample holds no positive (or only positives) and is soon outweighed by real labels.
    /// </summary>
    private const double PriorDeviation = 2;
    private const int MaxIterations = 100;

    public double Probability(double score) => Logistic(Intercept + Slope * Logit(score));

    /// <summary>
    /// Penalised maximum likelihood by Newton's method with step halving (a full Newton step overshoots when most scores
    /// sit at the clamp); deterministic: fixed order, fixed stopping rule.
    /// </summary>
    public static ScoreRecalibration Fit(IReadOnlyList<SampledItem> items, IReadOnlyList<bool> positives)
    {
        var fit = new ScoreRecalibration(0, 1);
        var current = fit.Objective(items, positives);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var (ga, gb, haa, hab, hbb) = fit.Derivatives(items, positives);
            var determinant = haa * hbb - hab * hab;
            var da = (hbb * ga - hab * gb) / determinant;
            var db = (haa * gb - hab * ga) / determinant;
            var improved = false;
            for (var halving = 0; halving < 40 && !improved; halving++, da /= 2, db /= 2)
            {
                var candidate = new ScoreRecalibration(fit.Intercept + da, fit.Slope + db);
                var objective = candidate.Objective(items, positives);
                if (objective < current) continue;
                (fit, current, improved) = (candidate, objective, true);
            }
            if (!improved || Math.Abs(da) + Math.Abs(db) < 1e-10) break;
        }
        return fit;
    }

    private const double PriorPrecision = 1 / (PriorDeviation * PriorDeviation);

    /// <summary>Penalised log-likelihood.</summary>
    private double Objective(IReadOnlyList<SampledItem> items, IReadOnlyList<bool> positives)
    {
        var sum = -0.5 * PriorPrecision * (Intercept * Intercept + (Slope - 1) * (Slope - 1));
        for (var k = 0; k < items.Count; k++)
        {
            var eta = Intercept + Slope * Logit(items[k].Score);
            // log σ(η) = −log(1 + e^−η), written to stay finite for large |η|.
            sum -= positives[k] ? Softplus(-eta) : Softplus(eta);
        }
        return sum;
    }

    /// <summary>Gradient (ga, gb) and negated Hessian (haa, hab, hbb) of the penalised log-likelihood.</summary>
    private (double, double, double, double, double) Derivatives(IReadOnlyList<SampledItem> items, IReadOnlyList<bool> positives)
    {
        double ga = -PriorPrecision * Intercept, gb = -PriorPrecision * (Slope - 1), haa = PriorPrecision, hab = 0, hbb = PriorPrecision;
        for (var k = 0; k < items.Count; k++)
        {
            var x = Logit(items[k].Score);
            var q = Logistic(Intercept + Slope * x);
            var residual = (positives[k] ? 1 : 0) - q;
            var weight = q * (1 - q);
            ga += residual;
            gb += residual * x;
            haa += weight;
            hab += weight * x;
            hbb += weight * x * x;
        }
        return (ga, gb, haa, hab, hbb);
    }

    private static double Softplus(double x) => x > 0 ? x + PortableMath.Log(1 + PortableMath.Exp(-x)) : PortableMath.Log(1 + PortableMath.Exp(x));

    private static double Logit(double score)
    {
        var s = Math.Clamp(score, ScoreEpsilon, 1 - ScoreEpsilon);
        return PortableMath.Log(s / (1 - s));
    }

    private static double Logistic(double x) => 1 / (1 + PortableMath.Exp(-x));
}
