namespace Vigil.Bots;

/// <summary>
/// Adjusts calibrated bot probabilities to the bot share of the scored population, estimated from the probabilities
/// themselves by expectation–maximisation (Saerens, Latinne &amp; Decaestecker 2002). A model calibrated where half the
/// accounts are bots over-calls bots where a tenth are, and under-calls them where most are; the ranking is kept, only
/// the probabilities (and so who crosses the threshold) move. No label of the scored population is used.
/// </summary>
internal static class PriorShift
{
    /// <summary>The estimated bot share of the population and the adjusted probabilities.</summary>
    public static (double Prior, double[] Adjusted) Adjust(IReadOnlyList<double> probabilities, double trainingPrior,
        int maxIterations = 200, double tolerance = 1e-6)
    {
        var adjusted = probabilities.ToArray();
        if (probabilities.Count == 0 || trainingPrior is <= 0 or >= 1) return (trainingPrior, adjusted);
        var prior = trainingPrior;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            double sum = 0;
            for (var i = 0; i < adjusted.Length; i++)
            {
                adjusted[i] = Reweigh(probabilities[i], prior, trainingPrior);
                sum += adjusted[i];
            }
            // Kept off 0 and 1: a prior of exactly either would pin every probability there for good.
            var next = Math.Clamp(sum / adjusted.Length, 1e-3, 1 - 1e-3);
            var converged = Math.Abs(next - prior) < tolerance;
            prior = next;
            if (converged) break;
        }
        for (var i = 0; i < adjusted.Length; i++) adjusted[i] = Reweigh(probabilities[i], prior, trainingPrior);
        return (prior, adjusted);
    }

    private static double Reweigh(double p, double prior, double trainingPrior)
    {
        var bot = prior / trainingPrior * p;
        var human = (1 - prior) / (1 - trainingPrior) * (1 - p);
        return bot + human > 0 ? bot / (bot + human) : p;
    }
}
