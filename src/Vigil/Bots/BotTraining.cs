namespace Vigil.Bots;

/// <summary>
/// One evaluation fold. <see cref="Protocol"/> is <c>leave-one-out</c> (train on the other sets, test on this one),
/// <c>within-shared</c> (k-fold inside one set, on the features all sets share) or <c>within-all</c> (k-fold inside one
/// set on every feature it holds); the last two are the contrast that shows how much is lost to the new data set and
/// how much to the narrower features. Within-set figures are means over the k folds.
/// </summary>
public sealed record BotFold(string Protocol, string TrainedOn, string TestedOn, IReadOnlyList<BotFeature> Features,
    int TestAccounts, double Auc, ThresholdMetrics AtThreshold, double Threshold);

/// <summary>How far apart bots and humans sit on one feature in one set (bots minus humans, in standard deviations).</summary>
public sealed record FeatureSeparation(string DataSet, BotFeature Feature, double Separation);

/// <summary>Trains the shipped profile model and evaluates it across data sets.</summary>
public static class BotTraining
{
    public const string ProfileModelVersion = "bots-profile-lr-1";

    /// <summary>
    /// The shipped model: trained on every set, on the features all of them hold (or <paramref name="features"/>).
    /// </summary>
    public static BotModel TrainProfileModel(IReadOnlyList<LabelledSet> sets, BotTrainingOptions options,
        IReadOnlyList<BotFeature>? features = null)
    {
        var featureSets = sets.Select(FeatureSet.From).ToArray();
        return BotTrainer.Train(featureSets, features ?? FeatureSet.Shared(featureSets), ProfileModelVersion, options);
    }

    public static IReadOnlyList<BotFold> Evaluate(IReadOnlyList<LabelledSet> sets, BotTrainingOptions options, int seed,
        int folds = 5, IReadOnlyList<BotFeature>? features = null)
    {
        var featureSets = sets.Select(FeatureSet.From).ToArray();
        var shared = features ?? FeatureSet.Shared(featureSets);
        var results = new List<BotFold>();
        if (featureSets.Length > 1)
        {
            foreach (var test in featureSets)
            {
                var train = featureSets.Where(s => s != test).ToArray();
                var model = BotTrainer.Train(train, shared, ProfileModelVersion, options);
                results.Add(Test("leave-one-out", string.Join("+", train.Select(s => s.Name)), model, test));
            }
        }
        foreach (var set in featureSets)
        {
            results.Add(CrossValidate("within-shared", set, shared, options, seed, folds));
            var own = Enum.GetValues<BotFeature>().Where(set.Holds).ToArray();
            results.Add(CrossValidate("within-all", set, own, options, seed, folds));
        }
        return results;
    }

    /// <summary>
    /// Checks on simulated platforms: the shipped <paramref name="shipped"/> model as is, then profile-only and
    /// profile+behaviour models trained on <paramref name="train"/>, all tested on <paramref name="test"/> (another seed).
    /// </summary>
    public static IReadOnlyList<BotFold> EvaluateSimulated(LabelledSet train, LabelledSet test, BotModel shipped,
        BotTrainingOptions options)
    {
        var trainSet = FeatureSet.From(train);
        var testSet = FeatureSet.From(test);
        var held = Enum.GetValues<BotFeature>().Where(trainSet.Holds).ToArray();
        var profileOnly = held.Where(f => !BotFeatures.IsBehaviour(f)).ToArray();
        return
        [
            Test("shipped-profile", "research sets", shipped, testSet),
            Test("sim-profile", trainSet.Name, BotTrainer.Train([trainSet], profileOnly, SimulatedModelVersion, options), testSet),
            Test("sim-profile+behaviour", trainSet.Name, BotTrainer.Train([trainSet], held, SimulatedModelVersion, options), testSet),
        ];
    }

    public const string SimulatedModelVersion = "bots-sim-behaviour-lr-1";

    /// <summary>A profile+behaviour model trained on a simulated platform: for simulated data, not for real platforms.</summary>
    public static BotModel TrainSimulatedModel(LabelledSet simulated, BotTrainingOptions options)
    {
        var set = FeatureSet.From(simulated);
        return BotTrainer.Train([set], Enum.GetValues<BotFeature>().Where(set.Holds).ToArray(), SimulatedModelVersion, options);
    }

    /// <summary>Per set and per feature the set holds, the standardised bot–human difference: what drives transfer or its failure.</summary>
    public static IReadOnlyList<FeatureSeparation> Separations(IReadOnlyList<LabelledSet> sets)
    {
        var result = new List<FeatureSeparation>();
        foreach (var set in sets.Select(FeatureSet.From))
            foreach (var feature in Enum.GetValues<BotFeature>())
                if (set.Holds(feature)) result.Add(new FeatureSeparation(set.Name, feature, set.Separation(feature)));
        return result;
    }

    private static BotFold CrossValidate(string protocol, FeatureSet set, IReadOnlyList<BotFeature> features,
        BotTrainingOptions options, int seed, int folds)
    {
        var parts = set.Folds(folds, seed).Select(f =>
            Test(protocol, set.Name, BotTrainer.Train([f.Train], features, ProfileModelVersion, options), f.Test)).ToArray();
        return new BotFold(protocol, set.Name, set.Name, features, set.Rows.Count,
            parts.Average(p => p.Auc),
            new ThresholdMetrics(parts.Average(p => p.AtThreshold.Precision), parts.Average(p => p.AtThreshold.Recall),
                parts.Average(p => p.AtThreshold.F1)),
            parts.Average(p => p.Threshold));
    }

    private static BotFold Test(string protocol, string trainedOn, BotModel model, FeatureSet test)
    {
        var scores = test.Rows.Select(r => BotTrainer.Probability(model, r.Features)).ToArray();
        var labels = test.Labels();
        return new BotFold(protocol, trainedOn, test.Name, model.Features, test.Rows.Count, BotMetrics.Auc(scores, labels),
            BotMetrics.AtThreshold(scores, labels, model.Threshold), model.Threshold);
    }
}
