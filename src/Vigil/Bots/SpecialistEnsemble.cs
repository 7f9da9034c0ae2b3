namespace Vigil.Bots;

/// <summary>How a <see cref="SpecialistEnsemble"/> combines its specialists' probabilities.</summary>
public enum EnsembleVote
{
    /// <summary>The largest: an account is as much a bot as the specialist most sure of it says (the paper's choice).</summary>
    Max,
    /// <summary>The mean: a bot kind only one specialist recognises counts for less.</summary>
    Mean,
}

/// <summary>
/// How each specialist's log-odds are put on one scale before the vote. A specialist trained against its own set's
/// humans ranks unseen sets well, but its probabilities are its own set's bot share and spread, so a max or mean of raw
/// probabilities lets the most confident specialist decide; the other two scales make the specialists comparable.
/// </summary>
public enum SpecialistScale
{
    /// <summary>Each specialist's own probability (what the paper does).</summary>
    Own,
    /// <summary>Platt-calibrated on the other training sets' scores (those it ranks at AUC ≥ <see cref="BotTraining.MinTransferAuc"/>; its own training scores when none).</summary>
    HeldOutPlatt,
    /// <summary>
    /// The share of the training humans that the specialist scores lower, each training set's humans weighing the same:
    /// "more bot-like than 97 % of people", whatever the specialist's own spread.
    /// </summary>
    HumanQuantile,
}

/// <summary>
/// Ensemble of specialised classifiers (Sayyadiharikandeh et al. 2020, "Detection of novel social bots by ensembles of
/// specialized classifiers"): one logistic model per kind of bot — a training set's bots against the humans of every
/// training set — combined by <see cref="EnsembleVote"/> on the <see cref="SpecialistScale"/> of
/// <see cref="BotTrainingOptions.SpecialistScale"/>. The training sets label different kinds of bot (bought
/// followers, automated posters, retweet bots), and one model over all of them averages opposing directions; a
/// specialist learns its own kind, and the vote lets a new account match whichever kind it resembles. The threshold is
/// chosen as the single model's is: on held-out sets, each scored by the ensemble built without it.
/// An evaluation experiment (<c>bots eval --ensemble</c>, measured: models/bots/README.md), never saved.
/// </summary>
internal sealed record SpecialistEnsemble(IReadOnlyList<ScaledSpecialist> Specialists, EnsembleVote Vote, double Threshold)
{
    /// <summary>Every feature some specialist weighs, in vector order.</summary>
    public IReadOnlyList<BotFeature> Features => Specialists.SelectMany(s => s.Model.Features).Distinct().Order().ToArray();

    public double Probability(double[] features)
    {
        double max = 0, sum = 0;
        foreach (var specialist in Specialists)
        {
            var p = specialist.Score(features);
            max = Math.Max(max, p);
            sum += p;
        }
        return Vote == EnsembleVote.Max ? max : sum / Specialists.Count;
    }

    public static SpecialistEnsemble Fit(IReadOnlyList<FeatureSet> available, EnsembleVote vote, BotTrainingOptions options)
    {
        var ensemble = new SpecialistEnsemble(Train(available, options), vote, Threshold: 0.5);
        // As in BotTraining.Fit: only held-out sets the ensemble ranks better than chance inform the threshold.
        var heldOut = new List<(double[] Scores, bool[] Labels)>();
        if (available.Count > 1)
            foreach (var set in available)
            {
                var without = new SpecialistEnsemble(Train(available.Where(s => s != set).ToArray(), options), vote, 0.5);
                var scores = set.Rows.Select(r => without.Probability(r.Features)).ToArray();
                var labels = set.Labels();
                if (BotMetrics.Auc(scores, labels) >= BotTraining.MinTransferAuc) heldOut.Add((scores, labels));
            }
        if (heldOut.Count == 0)
            heldOut.AddRange(available.Select(s => (s.Rows.Select(r => ensemble.Probability(r.Features)).ToArray(), s.Labels())));
        // A max of several specialists' quantiles of people crowds near 1, so the search reaches further up there.
        var highest = options.SpecialistScale switch { SpecialistScale.HumanQuantile => 0.999, SpecialistScale.HeldOutPlatt => 0.99, _ => 0.95 };
        return ensemble with { Threshold = BotTraining.MacroF1Threshold(heldOut, highest) };
    }

    private static ScaledSpecialist[] Train(IReadOnlyList<FeatureSet> available, BotTrainingOptions options) =>
        available.Select(kind => ScaledSpecialist.Fit(Specialist(kind, available, options), kind, available, options)).ToArray();

    /// <summary>
    /// <paramref name="kind"/>'s bots (half the weight) against the humans of every available set (the other half, an
    /// equal share per set, so that the largest set's people do not define "human"), or of its own set only
    /// (<see cref="BotTrainingOptions.OwnHumanSpecialists"/>), on the features that set holds.
    /// </summary>
    internal static BotModel Specialist(FeatureSet kind, IReadOnlyList<FeatureSet> available, BotTrainingOptions options)
    {
        IReadOnlyList<FeatureSet> humanSources = options.OwnHumanSpecialists ? [kind] : available;
        var rows = new List<(double[] X, bool Y, double W)>();
        var bots = kind.CountBots();
        foreach (var row in kind.Rows)
            if (row.IsBot) rows.Add((row.Features, true, 0.5 / bots));
        foreach (var set in humanSources)
        {
            var humans = set.Rows.Count - set.CountBots();
            foreach (var row in set.Rows)
                if (!row.IsBot) rows.Add((row.Features, false, 0.5 / (humanSources.Count * humans)));
        }
        var features = Enum.GetValues<BotFeature>()
            .Where(f => kind.Holds(f) && !BotScorer.IsFixedEvidence(f) && (!options.SignConsistentSpecialists || AgreesEverywhere(kind, f, available)))
            .ToArray();
        return BotTrainer.TrainWeighted(rows, features, $"specialist-{kind.Name}", options,
            [$"{kind.Name} bots ({bots}) against the humans of {string.Join(", ", humanSources.Select(s => s.Name))}"]);
    }

    /// <summary>Bots sit on the same side of humans on <paramref name="feature"/> in every available set that holds it.</summary>
    private static bool AgreesEverywhere(FeatureSet kind, BotFeature feature, IReadOnlyList<FeatureSet> available)
    {
        var sign = Math.Sign(kind.Separation(feature));
        return available.Where(s => s.Holds(feature)).All(s => Math.Sign(s.Separation(feature)) == sign);
    }
}

/// <summary>One specialist and the scale its log-odds are read on (<see cref="SpecialistScale"/>).</summary>
internal sealed record ScaledSpecialist(BotModel Model, SpecialistScale Scale, double Slope, double Intercept,
    IReadOnlyList<double[]> SortedHumanLogOdds)
{
    public double Score(double[] features)
    {
        var z = BotTrainer.LogOdds(Model, features);
        return Scale == SpecialistScale.HumanQuantile ? HumanQuantile(z) : BotScorer.Sigmoid(Slope * z + Intercept);
    }

    /// <summary>The share of each training set's humans scored below <paramref name="logOdds"/> (ties count half), averaged over the sets.</summary>
    private double HumanQuantile(double logOdds)
    {
        double sum = 0;
        foreach (var humans in SortedHumanLogOdds)
        {
            var below = LowerBound(humans, logOdds);
            var atOrBelow = LowerBound(humans, Math.BitIncrement(logOdds));
            sum += (below + (atOrBelow - below) / 2.0) / humans.Length;
        }
        return sum / SortedHumanLogOdds.Count;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value) low = mid + 1; else high = mid;
        }
        return low;
    }

    public static ScaledSpecialist Fit(BotModel model, FeatureSet kind, IReadOnlyList<FeatureSet> available, BotTrainingOptions options)
    {
        var scale = options.SpecialistScale;
        double[] LogOdds(FeatureSet set) => set.Rows.Select(r => BotTrainer.LogOdds(model, r.Features)).ToArray();
        switch (scale)
        {
            case SpecialistScale.HumanQuantile:
                var humans = available.Select(set => set.Rows.Where(r => !r.IsBot).Select(r => BotTrainer.LogOdds(model, r.Features)).Order().ToArray())
                    .Where(h => h.Length > 0).ToArray();
                return new ScaledSpecialist(model, scale, 1, 0, humans);
            case SpecialistScale.HeldOutPlatt:
                var heldOut = available.Where(s => s != kind).Select(s => (LogOdds: LogOdds(s), Labels: s.Labels()))
                    .Where(h => BotMetrics.Auc(h.LogOdds, h.Labels) >= BotTraining.MinTransferAuc).ToList();
                if (heldOut.Count == 0) heldOut.Add((LogOdds(kind), kind.Labels()));
                var (slope, intercept) = BotTrainer.Platt(heldOut, options);
                return new ScaledSpecialist(model, scale, slope, intercept, []);
            default:
                return new ScaledSpecialist(model, scale, 1, 0, []);
        }
    }
}
