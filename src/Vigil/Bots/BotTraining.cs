using Vigil.Model;

namespace Vigil.Bots;

/// <summary>
/// One evaluation row. <see cref="Protocol"/> is <c>leave-one-out</c> (the whole recipe, set selection and calibration
/// included, run on the other training sets and tested on this one), <c>cross-set</c> (the shipped recipe on a set it
/// never trains on), <c>smoke</c> (the same on a set too small for headline numbers), <c>within-set</c> (k-fold inside
/// one set on the same features: the contrast that shows how much is lost to a new data set) or a simulated-platform
/// protocol. Within-set figures are means over the k folds.
/// </summary>
public sealed record BotFold(string Protocol, string TrainedOn, string TestedOn, IReadOnlyList<BotFeature> Features,
    int TestAccounts, int TestBots, double Auc, ThresholdMetrics AtThreshold, double Threshold);

/// <summary>How far apart bots and humans sit on one feature in one set (bots minus humans, in standard deviations).</summary>
public sealed record FeatureSeparation(string DataSet, BotFeature Feature, double Separation);

/// <summary>
/// The research model's recipe, the same whether it builds the shipped model or one leave-one-out fold:
/// <list type="number">
/// <item>choose the combination of training sets that generalises best (BotometerLite's data selection): each
/// combination is scored by the worst AUC, over every available set, of a model trained on the combination without that
/// set, so a set that only teaches its own quirks lowers the score of every combination that holds it;</item>
/// <item>train on that combination, on the features at least <see cref="BotTrainingOptions.MinSetsHoldingFeature"/> of
/// its sets hold;</item>
/// <item>calibrate (Platt) on held-out scores: each available set scored by a model trained on the combination without
/// it;</item>
/// <item>set the threshold on the same held-out scores, to the value with the best mean macro-F1 over those sets.</item>
/// </list>
/// Nothing in it looks at the set a leave-one-out fold tests on.
/// </summary>
public static class BotTraining
{
    public const string ResearchModelVersion = "bots-research-lr-2";

    /// <summary>The shipped model: the recipe on every training set among <paramref name="sets"/>.</summary>
    public static BotModel TrainResearchModel(IReadOnlyList<LabelledSet> sets, BotTrainingOptions options,
        IReadOnlyList<BotFeature>? features = null) =>
        Fit(sets.Where(s => s.Role == BotSetRole.Training).Select(s => FeatureSet.From(s, options.RelativeToPopulation)).ToArray(), options, features);

    /// <summary>
    /// Leave-one-out over the training sets, the shipped recipe on the cross-set and smoke sets, and within-set k-fold
    /// as the contrast.
    /// </summary>
    /// <param name="simulated">Simulated platforms, scored (protocol <c>simulated</c>) by the model trained on every training set.</param>
    public static IReadOnlyList<BotFold> Evaluate(IReadOnlyList<LabelledSet> sets, BotTrainingOptions options, int seed,
        int folds = 5, IReadOnlyList<BotFeature>? features = null, IReadOnlyList<LabelledSet>? simulated = null)
    {
        var training = sets.Where(s => s.Role == BotSetRole.Training).Select(s => FeatureSet.From(s, options.RelativeToPopulation)).ToArray();
        var unseen = sets.Where(s => s.Role != BotSetRole.Training)
            .Select(s => (Protocol: s.Role == BotSetRole.SmokeTest ? "smoke" : "cross-set", Set: s))
            .Concat((simulated ?? []).Select(s => (Protocol: "simulated", Set: s)))
            .Select(u => (u.Protocol, Set: FeatureSet.From(u.Set, options.RelativeToPopulation))).ToArray();
        var results = new List<BotFold>();
        if (options.Ensemble is { } vote)
        {
            // The experiment's rows: leave-one-out and the unseen sets; the within-set contrast is the single model's.
            if (training.Length > 1)
                foreach (var test in training)
                    results.Add(Test("leave-one-out", SpecialistEnsemble.Fit(training.Where(s => s != test).ToArray(), vote, options), test));
            var ensemble = SpecialistEnsemble.Fit(training, vote, options);
            results.AddRange(unseen.Select(u => Test(u.Protocol, ensemble, u.Set)));
            return results;
        }
        if (training.Length > 1)
            foreach (var test in training)
                results.Add(Test("leave-one-out", Fit(training.Where(s => s != test).ToArray(), options, features), test));
        var shipped = Fit(training, options, features);
        results.AddRange(unseen.Select(u => Test(u.Protocol, shipped, u.Set)));
        foreach (var set in training) results.Add(CrossValidate(set, shipped.Features, options, seed, folds));
        return results;
    }

    /// <summary>A model (the shipped one, or any other) tested on a labelled set it was not trained on.</summary>
    public static BotFold Test(string protocol, BotModel model, LabelledSet set) =>
        Test(protocol, model, FeatureSet.From(set, model.RelativeToPopulation));

    internal static BotModel Fit(IReadOnlyList<FeatureSet> available, BotTrainingOptions options, IReadOnlyList<BotFeature>? features = null)
    {
        if (available.Count == 0) throw new InvalidOperationException("no training set");
        var cache = new Dictionary<int, BotModel>();
        BotModel Trained(int mask) // a model per combination (bit i = available[i]), trained once
        {
            if (!cache.TryGetValue(mask, out var model))
            {
                var sets = Members(available, mask);
                cache[mask] = model = BotTrainer.Train(sets, features ?? Held(sets, options), ResearchModelVersion, options);
            }
            return model;
        }

        var chosen = ChooseCombination(available, Trained);
        // Held-out scores: each available set scored by the combination trained without it. Only sets the model ranks
        // better than chance are kept: where it does not transfer, the set says the model fails there, not where its
        // threshold should sit, and letting it vote drags the threshold towards calling everyone (or no one) a bot.
        var heldOut = new List<(string Name, double[] LogOdds, bool[] Labels)>();
        for (var i = 0; i < available.Count; i++)
        {
            var without = chosen & ~(1 << i);
            if (without == 0) continue;
            var model = Trained(without);
            var scores = available[i].Rows.Select(r => BotTrainer.LogOdds(model, r.Features)).ToArray();
            var labels = available[i].Labels();
            if (BotMetrics.Auc(scores, labels) >= MinTransferAuc) heldOut.Add((available[i].Name, scores, labels));
        }
        var raw = Trained(chosen);
        var source = $"held-out scores of {string.Join(", ", heldOut.Select(h => h.Name))}";
        if (heldOut.Count == 0) // nothing held out that the model transfers to: the training scores, and the card says so
        {
            foreach (var set in Members(available, chosen))
                heldOut.Add((set.Name, set.Rows.Select(r => BotTrainer.LogOdds(raw, r.Features)).ToArray(), set.Labels()));
            source = $"training scores of {string.Join(", ", heldOut.Select(h => h.Name))} (no held-out set it ranks better than chance)";
        }
        var (slope, intercept) = BotTrainer.Platt(heldOut.Select(h => (h.LogOdds, h.Labels)).ToArray(), options);
        var calibrated = raw with
        {
            Weights = raw.Weights.Select(w => w * slope).ToArray(),
            Bias = raw.Bias * slope + intercept,
            Calibration = FormattableString.Invariant($"Platt on {source}: slope {slope:0.000}, intercept {intercept:0.000}; threshold by mean macro-F1 over the same"),
        };
        var calibratedScores = heldOut.Select(h => (h.LogOdds.Select(z => BotScorer.Sigmoid(z * slope + intercept)).ToArray(), h.Labels)).ToArray();
        return calibrated with
        {
            Threshold = MacroF1Threshold(calibratedScores),
            // The bot share the calibrated probabilities assume: each held-out set weighs the same in the Platt fit.
            CalibrationPrior = heldOut.Average(h => h.Labels.Count(l => l) / (double)h.Labels.Length),
        };
    }

    /// <summary>A held-out set informs calibration and the threshold only when the model ranks it at least this well.</summary>
    public const double MinTransferAuc = 0.6;

    /// <summary>
    /// The features held by at least <see cref="BotTrainingOptions.MinSetsHoldingFeature"/> of <paramref name="sets"/>
    /// (all of them, when fewer) on which bots sit on the same side of humans in every set that holds them: a feature
    /// whose direction flips between sets describes the sets' different kinds of bot, and a linear model would average
    /// it to noise at best.
    /// </summary>
    internal static IReadOnlyList<BotFeature> Held(IReadOnlyList<FeatureSet> sets, BotTrainingOptions options)
    {
        var needed = Math.Min(options.MinSetsHoldingFeature, sets.Count);
        return Enum.GetValues<BotFeature>().Where(f =>
        {
            var holding = sets.Where(s => s.Holds(f)).ToArray();
            var signs = holding.Select(s => Math.Sign(s.Separation(f))).Distinct().Count();
            return holding.Length >= needed && signs == 1;
        }).ToArray();
    }

    /// <summary>
    /// The combination (bit mask over <paramref name="available"/>) whose models, each trained without one available
    /// set, rank that set's bots best in the worst case. The worst case, not the mean: the sets disagree about what a bot
    /// is (bought followers that barely post, automated accounts that post all day), and a mean rewards a combination
    /// that fits the majority kind while failing the others, which is what happens on an unseen platform. Ties go to the
    /// larger combination: more kinds of bot seen.
    /// </summary>
    private static int ChooseCombination(IReadOnlyList<FeatureSet> available, Func<int, BotModel> trained)
    {
        var all = (1 << available.Count) - 1;
        if (available.Count == 1) return all;
        int best = all;
        var bestScore = double.NegativeInfinity;
        for (var mask = all; mask > 0; mask--)
        {
            double worst = 1;
            var tested = 0;
            for (var i = 0; i < available.Count; i++)
            {
                var without = mask & ~(1 << i);
                if (without == 0) continue;
                var model = trained(without);
                var auc = BotMetrics.Auc(available[i].Rows.Select(r => BotTrainer.LogOdds(model, r.Features)).ToArray(), available[i].Labels());
                worst = Math.Min(worst, auc);
                tested++;
            }
            if (tested == 0) continue;
            var score = worst;
            if (score > bestScore + 1e-9 || (Math.Abs(score - bestScore) <= 1e-9 && Count(mask) > Count(best))) (best, bestScore) = (mask, score);
        }
        return best;
    }

    private static int Count(int mask) => System.Numerics.BitOperations.PopCount((uint)mask);

    private static FeatureSet[] Members(IReadOnlyList<FeatureSet> available, int mask) =>
        available.Where((_, i) => (mask & (1 << i)) != 0).ToArray();

    /// <summary>
    /// The threshold with the best mean macro-F1 over the held-out sets: 0.05 to <paramref name="highest"/> by 0.01,
    /// and by 0.001 above 0.99 (where a quantile scale's thresholds sit).
    /// </summary>
    internal static double MacroF1Threshold(IReadOnlyList<(double[] Scores, bool[] Labels)> heldOut, double highest = 0.95)
    {
        double best = 0.5, bestMacro = double.NegativeInfinity;
        var coarse = Enumerable.Range(5, (int)Math.Round(Math.Min(highest, 0.99) * 100) - 4).Select(step => step / 100.0);
        var fine = Enumerable.Range(991, Math.Max(0, (int)Math.Round(highest * 1000) - 990)).Select(step => step / 1000.0);
        foreach (var threshold in coarse.Concat(fine))
        {
            var mean = heldOut.Average(h => BotMetrics.AtThreshold(h.Scores, h.Labels, threshold).MacroF1);
            if (mean > bestMacro + 1e-12) (best, bestMacro) = (threshold, mean);
        }
        return best;
    }

    /// <summary>
    /// Checks on simulated platforms: the shipped <paramref name="shipped"/> model as is, then profile-only and
    /// profile+behaviour models trained on <paramref name="train"/>, all tested on <paramref name="test"/> (another seed).
    /// </summary>
    public static IReadOnlyList<BotFold> EvaluateSimulated(LabelledSet train, LabelledSet test, BotModel shipped,
        BotTrainingOptions options)
    {
        var trainSet = FeatureSet.From(train, options.RelativeToPopulation);
        var testSet = FeatureSet.From(test, options.RelativeToPopulation);
        var held = Enum.GetValues<BotFeature>().Where(trainSet.Holds).ToArray();
        var profileOnly = held.Where(f => !BotFeatures.IsBehaviour(f)).ToArray();
        return
        [
            Test("shipped-research", shipped, test),
            Test("sim-profile", BotTrainer.Train([trainSet], profileOnly, SimulatedModelVersion, options), testSet),
            Test("sim-profile+behaviour", BotTrainer.Train([trainSet], held, SimulatedModelVersion, options), testSet),
        ];
    }

    public const string SimulatedModelVersion = "bots-sim-behaviour-lr-2";

    /// <summary>A profile+behaviour model trained on a simulated platform: for comparison on simulated data, not for real platforms.</summary>
    public static BotModel TrainSimulatedModel(LabelledSet simulated, BotTrainingOptions options)
    {
        var set = FeatureSet.From(simulated, options.RelativeToPopulation);
        return BotTrainer.Train([set], Enum.GetValues<BotFeature>().Where(set.Holds).ToArray(), SimulatedModelVersion, options);
    }

    /// <summary>Per set and per feature the set holds, the standardised bot–human difference: what drives transfer or its failure.</summary>
    public static IReadOnlyList<FeatureSeparation> Separations(IReadOnlyList<LabelledSet> sets)
    {
        var result = new List<FeatureSeparation>();
        foreach (var set in sets.Select(s => FeatureSet.From(s, relativeToPopulation: false)))
            foreach (var feature in Enum.GetValues<BotFeature>())
                if (set.Holds(feature)) result.Add(new FeatureSeparation(set.Name, feature, set.Separation(feature)));
        return result;
    }

    private static BotFold CrossValidate(FeatureSet set, IReadOnlyList<BotFeature> features, BotTrainingOptions options, int seed, int folds)
    {
        var parts = set.Folds(folds, seed).Select(f =>
            Test("within-set", BotTrainer.Train([f.Train], features, ResearchModelVersion, options), f.Test)).ToArray();
        return new BotFold("within-set", set.Name, set.Name, features, set.Rows.Count, set.CountBots(),
            parts.Average(p => p.Auc),
            new ThresholdMetrics(parts.Average(p => p.AtThreshold.Precision), parts.Average(p => p.AtThreshold.Recall),
                parts.Average(p => p.AtThreshold.F1), parts.Average(p => p.AtThreshold.MacroF1)),
            parts.Average(p => p.Threshold));
    }

    private static BotFold Test(string protocol, BotModel model, FeatureSet test)
    {
        var scores = test.Rows.Select(r => BotTrainer.Probability(model, r.Features)).ToArray();
        if (model.AdjustsToPrior) scores = PriorShift.Adjust(scores, model.CalibrationPrior).Adjusted;
        return Fold(protocol, string.Join("+", model.TrainedOn.Select(SetName)), model.Features, scores, model.Threshold, test);
    }

    private static BotFold Test(string protocol, SpecialistEnsemble ensemble, FeatureSet test) =>
        Fold(protocol, $"{Kebab.From(ensemble.Vote)} of " + string.Join("+", ensemble.Specialists.Select(s => SetName(s.Model.TrainedOn[0]))),
            ensemble.Features, test.Rows.Select(r => ensemble.Probability(r.Features)).ToArray(), ensemble.Threshold, test);

    /// <summary>The data set's name at the head of a <see cref="BotModel.TrainedOn"/> line.</summary>
    private static string SetName(string trainedOn) => trainedOn.Split(' ', 2)[0];

    private static BotFold Fold(string protocol, string trainedOn, IReadOnlyList<BotFeature> features, double[] scores, double threshold, FeatureSet test)
    {
        var labels = test.Labels();
        return new BotFold(protocol, trainedOn, test.Name, features, test.Rows.Count, test.CountBots(),
            BotMetrics.Auc(scores, labels), BotMetrics.AtThreshold(scores, labels, threshold), threshold);
    }
}
