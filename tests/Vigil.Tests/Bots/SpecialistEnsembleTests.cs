using Vigil.Bots;

namespace Vigil.Tests.Bots;

public sealed class SpecialistEnsembleTests
{
    private enum Kind { FollowsMany, PostsMany, Mixed }

    /// <summary>
    /// Humans follow e^(2±1) and post e^(3±1). "Follows many" bots follow e^(4.5±1), "posts many" bots post e^(6±1);
    /// a mixed set holds both kinds. Every set holds both counts; seeded, so the same every run.
    /// </summary>
    private static LabelledSet Synthetic(string name, Kind kind, int count, int seed)
    {
        var random = new Random(seed);
        var accounts = new List<LabelledAccount>();
        for (var i = 0; i < count; i++)
        {
            var isBot = random.NextDouble() < 0.5;
            var followsMany = isBot && (kind == Kind.FollowsMany || kind == Kind.Mixed && i % 2 == 0);
            var postsMany = isBot && !followsMany;
            accounts.Add(new LabelledAccount(new AccountProfile
            {
                Id = $"{name}{i}",
                Following = Math.Exp((followsMany ? 4.5 : 2) + Gaussian(random)) - 1,
                Posts = Math.Exp((postsMany ? 6 : 3) + Gaussian(random)) - 1,
            }, isBot));
        }
        return new LabelledSet(name, accounts, []);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static FeatureSet Features(LabelledSet set) => FeatureSet.From(set, relativeToPopulation: false);

    private static double Auc(SpecialistEnsemble ensemble, FeatureSet set) =>
        BotMetrics.Auc(set.Rows.Select(r => ensemble.Probability(r.Features)).ToArray(), set.Labels());

    [Fact]
    public void Each_specialist_learns_its_own_kind_of_bot()
    {
        var follow = Features(Synthetic("follow", Kind.FollowsMany, 2000, 1));
        var post = Features(Synthetic("post", Kind.PostsMany, 2000, 2));

        var ensemble = SpecialistEnsemble.Fit([follow, post], EnsembleVote.Max, new BotTrainingOptions());

        var weight = (BotModel m, BotFeature f) => m.Weights[m.Features.ToList().IndexOf(f)];
        Assert.True(weight(ensemble.Specialists[0].Model, BotFeature.LogFollowing) > 1, "the follow specialist weighs followings");
        Assert.True(weight(ensemble.Specialists[1].Model, BotFeature.LogPosts) > 1, "the post specialist weighs posts");
        Assert.Contains("against the humans of follow, post", ensemble.Specialists[0].Model.TrainedOn[0]);
    }

    [Fact]
    public void The_max_vote_recognises_both_kinds_in_a_set_that_mixes_them()
    {
        var follow = Features(Synthetic("follow", Kind.FollowsMany, 2000, 3));
        var post = Features(Synthetic("post", Kind.PostsMany, 2000, 4));
        var mixed = Features(Synthetic("mixed", Kind.Mixed, 2000, 5));

        var ensemble = SpecialistEnsemble.Fit([follow, post], EnsembleVote.Max, new BotTrainingOptions());
        var single = BotTraining.Fit([follow, post], new BotTrainingOptions());
        var singleAuc = BotMetrics.Auc(mixed.Rows.Select(r => BotTrainer.Probability(single, r.Features)).ToArray(), mixed.Labels());

        Assert.True(Auc(ensemble, mixed) > 0.9, $"ensemble AUC {Auc(ensemble, mixed)}");
        Assert.True(Auc(ensemble, mixed) > singleAuc, $"ensemble {Auc(ensemble, mixed)} against one model {singleAuc}");
        Assert.InRange(ensemble.Threshold, 0.05, 0.95);
    }

    [Fact]
    public void Own_human_specialists_and_the_direction_check_change_what_a_specialist_sees()
    {
        var follow = Features(Synthetic("follow", Kind.FollowsMany, 1000, 6));
        var post = Features(Synthetic("post", Kind.PostsMany, 1000, 7));
        // In "flipped" the bots follow fewer than its humans: following points the other way there.
        var flipped = Features(new LabelledSet("flipped", Synthetic("f", Kind.FollowsMany, 1000, 8).Accounts
            .Select(a => a with { IsBot = !a.IsBot }).ToArray(), []));

        var own = SpecialistEnsemble.Specialist(follow, [follow, post], new BotTrainingOptions { OwnHumanSpecialists = true });
        var consistent = SpecialistEnsemble.Specialist(post, [follow, post, flipped], new BotTrainingOptions { SignConsistentSpecialists = true });

        var everyFeature = SpecialistEnsemble.Specialist(post, [follow, post, flipped], new BotTrainingOptions());

        Assert.EndsWith("against the humans of follow", own.TrainedOn[0]);
        Assert.Contains(BotFeature.LogFollowing, everyFeature.Features);
        Assert.DoesNotContain(BotFeature.LogFollowing, consistent.Features);
    }

    [Fact]
    public void Evaluation_of_the_ensemble_never_trains_on_the_set_it_tests()
    {
        var sets = new[]
        {
            Synthetic("a", Kind.FollowsMany, 400, 9), Synthetic("b", Kind.PostsMany, 400, 10), Synthetic("c", Kind.Mixed, 400, 11),
        };

        var folds = BotTraining.Evaluate(sets, new BotTrainingOptions { Ensemble = EnsembleVote.Max }, seed: 1, folds: 3);

        Assert.Equal(["a", "b", "c"], folds.Select(f => f.TestedOn));
        Assert.All(folds, f => Assert.Equal("leave-one-out", f.Protocol));
        Assert.All(folds, f => Assert.DoesNotContain(f.TestedOn, f.TrainedOn["max of ".Length..].Split('+')));
    }

    /// <summary>A set of the given kind whose bots are <paramref name="botShare"/> of its accounts.</summary>
    private static FeatureSet WithBotShare(string name, Kind kind, int count, double botShare, int seed)
    {
        var set = Synthetic(name, kind, count * 4, seed);
        var bots = set.Accounts.Where(a => a.IsBot).Take((int)(count * botShare));
        var humans = set.Accounts.Where(a => !a.IsBot).Take(count - (int)(count * botShare));
        return Features(new LabelledSet(name, bots.Concat(humans).ToArray(), []));
    }

    [Fact]
    public void Human_quantiles_read_a_score_as_the_share_of_each_training_sets_people_scored_lower()
    {
        var follow = Features(Synthetic("follow", Kind.FollowsMany, 2000, 12));
        // Few people here: each set's humans still weigh the same in the quantile.
        var post = WithBotShare("post", Kind.PostsMany, 400, 0.9, 13);
        var options = new BotTrainingOptions { OwnHumanSpecialists = true, SpecialistScale = SpecialistScale.HumanQuantile };
        var model = SpecialistEnsemble.Specialist(follow, [follow, post], options);

        var scaled = ScaledSpecialist.Fit(model, follow, [follow, post], options);

        double ShareBelow(FeatureSet set, double[] x) // ties (the account itself among the people) count half
        {
            var z = BotTrainer.LogOdds(model, x);
            return set.Rows.Where(r => !r.IsBot).Average(r => BotTrainer.LogOdds(model, r.Features) is var h && h < z ? 1.0 : h == z ? 0.5 : 0.0);
        }
        foreach (var row in follow.Rows.Take(50).Concat(post.Rows.Take(50)))
            Assert.Equal((ShareBelow(follow, row.Features) + ShareBelow(post, row.Features)) / 2, scaled.Score(row.Features), 3);
        var extreme = follow.Rows.MaxBy(r => BotTrainer.LogOdds(model, r.Features)).Features;
        Assert.Equal(1.0, scaled.Score(extreme), 2);
    }

    [Fact]
    public void Held_out_platt_calibrates_a_specialist_on_the_other_sets_not_its_own()
    {
        // The follow set is 90 % bots: its own-humans specialist's probabilities assume that share.
        var follow = WithBotShare("follow", Kind.FollowsMany, 1000, 0.9, 14);
        var other = WithBotShare("other", Kind.FollowsMany, 2000, 0.1, 15);
        var own = new BotTrainingOptions { OwnHumanSpecialists = true };
        var model = SpecialistEnsemble.Specialist(follow, [follow, other], own);

        var raw = ScaledSpecialist.Fit(model, follow, [follow, other], own);
        var calibrated = ScaledSpecialist.Fit(model, follow, [follow, other], own with { SpecialistScale = SpecialistScale.HeldOutPlatt });

        // Fitted on the other set (one set: unweighted logistic fit), the mean probability there is its bot share.
        Assert.Equal(0.1, other.Rows.Average(r => calibrated.Score(r.Features)), 2);
        Assert.True(other.Rows.Average(r => raw.Score(r.Features)) > 0.2, "the specialist's own probabilities carry its set's share");
    }

    [Fact]
    public void Comparable_scales_keep_both_kinds_ranked_and_let_the_threshold_reach_above_0_95()
    {
        var follow = WithBotShare("follow", Kind.FollowsMany, 1000, 0.8, 16);
        var post = WithBotShare("post", Kind.PostsMany, 1000, 0.2, 17);
        var mixed = Features(Synthetic("mixed", Kind.Mixed, 2000, 18));

        foreach (var scale in new[] { SpecialistScale.HumanQuantile, SpecialistScale.HeldOutPlatt })
        {
            var ensemble = SpecialistEnsemble.Fit([follow, post], EnsembleVote.Max,
                new BotTrainingOptions { OwnHumanSpecialists = true, SpecialistScale = scale });
            Assert.True(Auc(ensemble, mixed) > 0.9, $"{scale}: AUC {Auc(ensemble, mixed)}");
            Assert.InRange(ensemble.Threshold, 0.05, scale == SpecialistScale.HumanQuantile ? 0.999 : 0.99);
        }
    }
}
