using Vigil.Bots;

namespace Vigil.Tests.Bots;

public sealed class BotTrainingTests
{
    /// <summary>Bots follow e^(4±1) accounts, humans e^(2±1); handle length is noise; seeded, so the same every run.</summary>
    private static LabelledSet Synthetic(string name, int count, double botShare, int seed, bool separable = true, double shift = 0)
    {
        var random = new Random(seed);
        var accounts = new List<LabelledAccount>();
        for (var i = 0; i < count; i++)
        {
            var isBot = random.NextDouble() < botShare;
            var centre = separable && isBot ? 4 : 2;
            accounts.Add(new LabelledAccount(new AccountProfile
            {
                Id = $"{name}{i}",
                Following = Math.Exp(centre + shift + Gaussian(random)) - 1,
                HandleLength = 8 + random.Next(8),
            }, isBot));
        }
        return new LabelledSet(name, accounts, []);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static readonly BotFeature[] Features = [BotFeature.LogFollowing, BotFeature.HandleLength];

    [Fact]
    public void Training_finds_the_informative_feature_and_ignores_the_noise()
    {
        var model = BotTraining.TrainResearchModel([Synthetic("a", 2000, 0.5, 1)], new BotTrainingOptions(), Features);

        Assert.True(model.Weights[0] > 1, $"weight on log-following was {model.Weights[0]}");
        Assert.InRange(model.Weights[1], -0.2, 0.2);

        var fresh = Synthetic("b", 2000, 0.5, 2);
        var scorer = new BotScorer(model);
        var scores = fresh.Accounts.Select(a => scorer.Score(a.Profile).PBot).ToArray();
        Assert.True(BotMetrics.Auc(scores, fresh.Accounts.Select(a => a.IsBot).ToArray()) > 0.9);
    }

    [Fact]
    public void The_typical_account_is_the_median_human_not_the_mean_of_bots_and_humans()
    {
        // Bots follow e^(4±1) and make up 70 %: the mean sits near 3.4, a typical human near 2.
        var model = BotTraining.TrainResearchModel([Synthetic("a", 4000, 0.7, 21)], new BotTrainingOptions(), Features);

        Assert.InRange(model.References![0], 1.8, 2.2);
        Assert.True(model.Means[0] > 2.8, $"mean {model.Means[0]}");
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var set = Synthetic("a", 500, 0.4, 3);

        var first = BotTraining.TrainResearchModel([set], new BotTrainingOptions(), Features);
        var second = BotTraining.TrainResearchModel([set], new BotTrainingOptions(), Features);

        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Threshold, second.Threshold);
    }

    [Fact]
    public void A_training_set_the_model_cannot_separate_does_not_drag_the_threshold_to_everyone_is_a_bot()
    {
        var model = BotTraining.TrainResearchModel(
            [Synthetic("clear", 2000, 0.5, 4), Synthetic("noise", 2000, 0.3, 5, separable: false)],
            new BotTrainingOptions(), Features);

        Assert.InRange(model.Threshold, 0.2, 0.8);
    }

    [Fact]
    public void Evaluation_holds_each_set_out_once_and_never_trains_on_it()
    {
        var sets = new[] { Synthetic("a", 300, 0.5, 6), Synthetic("b", 300, 0.5, 7), Synthetic("c", 300, 0.5, 8) };

        var folds = BotTraining.Evaluate(sets, new BotTrainingOptions(), seed: 1, folds: 3);

        var leaveOut = folds.Where(f => f.Protocol == "leave-one-out").ToArray();
        Assert.Equal(["a", "b", "c"], leaveOut.Select(f => f.TestedOn));
        Assert.All(leaveOut, f => Assert.DoesNotContain(f.TestedOn, f.TrainedOn.Split('+')));
        Assert.All(leaveOut, f => Assert.True(f.Auc > 0.85, $"{f.TestedOn}: AUC {f.Auc}"));
        Assert.All(leaveOut, f => Assert.True(f.AtThreshold.MacroF1 > 0.7, $"{f.TestedOn}: macro-F1 {f.AtThreshold.MacroF1}"));
        Assert.Equal(3, folds.Count(f => f.Protocol == "within-set"));
    }

    [Fact]
    public void Sets_that_are_never_trained_on_are_only_tested()
    {
        var shortcut = Synthetic("shortcut", 300, 0.5, 9) with { Role = BotSetRole.CrossSetTest };
        var sets = new[] { Synthetic("a", 300, 0.5, 6), Synthetic("b", 300, 0.5, 7), shortcut };

        var folds = BotTraining.Evaluate(sets, new BotTrainingOptions(), seed: 1, folds: 3);
        var model = BotTraining.TrainResearchModel(sets, new BotTrainingOptions(), Features);

        Assert.Equal(["a", "b"], folds.Where(f => f.Protocol == "leave-one-out").Select(f => f.TestedOn));
        var cross = Assert.Single(folds, f => f.Protocol == "cross-set");
        Assert.Equal("shortcut", cross.TestedOn);
        Assert.DoesNotContain(model.TrainedOn, t => t.StartsWith("shortcut", StringComparison.Ordinal));
    }

    [Fact]
    public void Calibrated_probabilities_match_the_bot_share_on_an_unseen_set()
    {
        var sets = new[] { Synthetic("a", 2000, 0.5, 13), Synthetic("b", 2000, 0.5, 14) };
        var model = BotTraining.TrainResearchModel(sets, new BotTrainingOptions(), Features);

        var fresh = Synthetic("fresh", 4000, 0.5, 15);
        var scorer = new BotScorer(model);
        var scored = fresh.Accounts.Select(a => (P: scorer.Score(a.Profile).PBot, a.IsBot)).ToArray();
        // Accounts scored 0.6-0.9 should be bots about as often as their mean score says.
        var band = scored.Where(s => s.P is >= 0.6 and < 0.9).ToArray();
        Assert.True(band.Length > 200);
        Assert.InRange(band.Count(s => s.IsBot) / (double)band.Length - band.Average(s => s.P), -0.08, 0.08);
        Assert.Contains("held-out", model.Calibration);
    }

    [Fact]
    public void Features_are_those_at_least_two_sets_hold_and_agree_on()
    {
        var withPosts = new LabelledSet("p", [new LabelledAccount(new AccountProfile { Id = "1", Following = 1, Posts = 5, HandleLength = 3 }, true),
            new LabelledAccount(new AccountProfile { Id = "2", Following = 9, Posts = 50, HandleLength = 4 }, false)], []);
        var withoutPosts = new LabelledSet("q", [new LabelledAccount(new AccountProfile { Id = "3", Following = 2, HandleLength = 3 }, true),
            new LabelledAccount(new AccountProfile { Id = "4", Following = 7, HandleLength = 5 }, false)], []);

        var model = BotTraining.TrainResearchModel([withPosts, withoutPosts], new BotTrainingOptions());

        // Both hold following and handle length, and in both the bot has fewer followings and a shorter handle; posts only "p" holds.
        Assert.Equal([BotFeature.LogFollowing, BotFeature.HandleLength], model.Features);
    }

    [Fact]
    public void Features_relative_to_the_population_carry_across_a_set_whose_counts_are_all_shifted()
    {
        // Same bots and humans, but every account of "later" follows e^3 times as many: another platform's or era's scale.
        var later = Synthetic("later", 2000, 0.5, 17, shift: 3);
        var raw = BotTraining.TrainResearchModel([Synthetic("a", 2000, 0.5, 16)], new BotTrainingOptions(), Features);
        var relative = BotTraining.TrainResearchModel([Synthetic("a", 2000, 0.5, 16)],
            new BotTrainingOptions { RelativeToPopulation = true }, Features);

        var rawFold = BotTraining.Test("cross-set", raw, later);
        var relativeFold = BotTraining.Test("cross-set", relative, later);

        Assert.True(rawFold.AtThreshold.MacroF1 < 0.5, $"raw macro-F1 {rawFold.AtThreshold.MacroF1}");
        Assert.True(relativeFold.AtThreshold.MacroF1 > 0.75, $"relative macro-F1 {relativeFold.AtThreshold.MacroF1}");
    }

    [Fact]
    public void Prior_shift_adjustment_moves_the_calls_towards_the_scored_sets_bot_share()
    {
        var sets = new[] { Synthetic("a", 2000, 0.5, 18), Synthetic("b", 2000, 0.5, 19) };
        var plain = BotTraining.TrainResearchModel(sets, new BotTrainingOptions(), Features);
        var adjusted = BotTraining.TrainResearchModel(sets, new BotTrainingOptions { AdjustToPrior = true }, Features);
        var fewBots = Synthetic("few", 4000, 0.1, 20);

        var plainFold = BotTraining.Test("cross-set", plain, fewBots);
        var adjustedFold = BotTraining.Test("cross-set", adjusted, fewBots);

        Assert.True(adjustedFold.AtThreshold.Precision > plainFold.AtThreshold.Precision + 0.1,
            $"precision {plainFold.AtThreshold.Precision} plain, {adjustedFold.AtThreshold.Precision} adjusted");
        Assert.Equal(plainFold.Auc, adjustedFold.Auc, 9);
    }

    [Fact]
    public void The_macro_f1_threshold_search_steps_by_a_thousandth_above_0_99_when_asked_to_reach_there()
    {
        // People score 0.990-0.994, bots 0.996-0.999: only a threshold in (0.994, 0.996] separates them.
        var scores = Enumerable.Range(0, 5).Select(i => 0.990 + i / 1000.0).Concat(Enumerable.Range(0, 4).Select(i => 0.996 + i / 1000.0)).ToArray();
        var labels = scores.Select(s => s > 0.995).ToArray();

        Assert.InRange(BotTraining.MacroF1Threshold([(scores, labels)], highest: 0.999), 0.9945, 0.9965);
        Assert.InRange(BotTraining.MacroF1Threshold([(scores, labels)]), 0.05, 0.95);
    }
}
