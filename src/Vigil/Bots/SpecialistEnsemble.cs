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
/// Ensemble of specialised classifiers (Sayyadiharikandeh et al. 2020, "Detection of novel social bots by ensembles of
/// specialized classifiers"): one logistic model per kind of bot — a training set's bots against the humans of every
/// training set — combined by <see cref="EnsembleVote"/>. The training sets label different kinds of bot (bought
/// followers, automated posters, retweet bots), and one model over all of them averages opposing directions; a
/// specialist learns its own kind, and the vote lets a new account match whichever kind it resembles. The threshold is
/// chosen as the single model's is: on held-out sets, each scored by the ensemble built without it.
/// An evaluation experiment (<c>bots eval --ensemble</c>, measured: models/bots/README.md), never saved.
/// </summary>
internal sealed record SpecialistEnsemble(IReadOnlyList<BotModel> Specialists, EnsembleVote Vote, double Threshold)
{
    /// <summary>Every feature some specialist weighs, in vector order.</summary>
    public IReadOnlyList<BotFeature> Features => Specialists.SelectMany(s => s.Features).Distinct().Order().ToArray();

    public double Probability(double[] features)
    {
        double max = 0, sum = 0;
        foreach (var specialist in Specialists)
        {
            var p = BotTrainer.Probability(specialist, features);
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
        return ensemble with { Threshold = BotTraining.MacroF1Threshold(heldOut) };
    }

    private static BotModel[] Train(IReadOnlyList<FeatureSet> available, BotTrainingOptions options) =>
        available.Select(kind => Specialist(kind, available, options)).ToArray();

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
