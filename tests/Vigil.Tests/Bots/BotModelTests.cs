using Vigil.Bots;

namespace Vigil.Tests.Bots;

public sealed class BotModelTests
{
    // Hand-made: log-following standardised with mean 0 and scale 1, handle length with mean 10 and scale 2.
    private static BotModel HandMade(double threshold = 0.5) => new()
    {
        Version = "test", Features = [BotFeature.LogFollowing, BotFeature.HandleLength, BotFeature.DescriptionLength],
        Means = [0, 10, 50], Scales = [1, 2, 10], Weights = [1, -0.5, 3], Bias = 0, Threshold = threshold,
    };

    [Fact]
    public void Score_is_the_logistic_of_weighted_standardised_features_and_explains_itself()
    {
        // log(1 + following) = 2; handle length 14 is 2 scales above the mean; no description known.
        var profile = new AccountProfile { Id = "a", Following = Math.Exp(2) - 1, HandleLength = 14 };

        var score = new BotScorer(HandMade()).Score(profile);

        Assert.Equal(1 / (1 + Math.Exp(-1)), score.PBot, 9);
        Assert.True(score.IsBot);
        Assert.Equal([BotFeature.LogFollowing, BotFeature.HandleLength], score.TopFeatures.Select(t => t.Feature));
        Assert.Equal(2, score.TopFeatures[0].Contribution, 9);
        Assert.Equal(-1, score.TopFeatures[1].Contribution, 9);
        Assert.Equal("log-following=2 (+2.00); handle-length=14 (-1.00)", score.TopFeaturesText);
    }

    [Theory]
    [InlineData(-0.001, "+0.00")]
    [InlineData(-0.006, "-0.01")]
    [InlineData(1.234, "+1.23")]
    public void Contributions_print_with_one_sign(double value, string expected) =>
        Assert.Equal(expected, FeatureContribution.Signed(value));

    [Fact]
    public void Extreme_values_are_clipped_so_one_count_cannot_swamp_the_score()
    {
        var profile = new AccountProfile { Id = "a", Following = 1e12 };

        var score = new BotScorer(HandMade()).Score(profile);

        Assert.Equal(BotModel.ClipStandardised, score.TopFeatures[0].Contribution, 9);
    }

    [Fact]
    public void The_threshold_decides_the_bot_call()
    {
        var profile = new AccountProfile { Id = "a", Following = 0, HandleLength = 10 }; // logit 0, p = 0.5

        Assert.True(new BotScorer(HandMade(threshold: 0.5)).Score(profile).IsBot);
        Assert.False(new BotScorer(HandMade(threshold: 0.51)).Score(profile).IsBot);
    }

    [Fact]
    public void Save_then_load_gives_the_same_scores()
    {
        var model = HandMade(0.42);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = BotModel.Load(stream, "m.json");

        var profile = new AccountProfile { Id = "a", Following = 40, HandleLength = 9, DescriptionLength = 12 };
        Assert.Equal(new BotScorer(model).Score(profile).PBot, new BotScorer(loaded).Score(profile).PBot, 12);
        Assert.Equal(0.42, loaded.Threshold);
    }

    [Fact]
    public void Loading_a_model_with_an_unknown_feature_names_the_source()
    {
        const string json = """{"version":"x","features":["shoe-size"],"means":[0],"scales":[1],"weights":[1],"bias":0,"threshold":0.5}""";

        var error = Assert.Throws<FormatException>(() => BotModel.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "m.json"));

        Assert.StartsWith("m.json:", error.Message);
        Assert.Contains("shoe-size", error.Message);
    }

    [Theory]
    [InlineData("""{"version":"x","features":["handle-length"],"means":[0],"scales":[0],"weights":[1],"bias":0,"threshold":0.5}""", "scale")]
    [InlineData("""{"version":"x","features":["handle-length"],"means":[0],"scales":[1],"weights":[1],"bias":0,"threshold":1.5}""", "threshold")]
    [InlineData("""{"version":"x","features":["handle-length"],"means":[0,1],"scales":[1],"weights":[1],"bias":0,"threshold":0.5}""", "same length")]
    [InlineData("""{"version":"x",""", "not a bot model")]
    public void Loading_rejects_a_model_that_cannot_score(string json, string complaint)
    {
        var error = Assert.Throws<FormatException>(() => BotModel.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "m.json"));

        Assert.Contains(complaint, error.Message);
    }

    [Fact]
    public void The_shipped_model_loads_and_ranks_a_follow_spam_profile_above_an_established_one()
    {
        var scorer = new BotScorer(BotModel.Default);
        var spam = new AccountProfile { Id = "s", Handle = "deals4u83920471", Followers = 3, Following = 4800, Posts = 12, AgeDays = 20 };
        var person = new AccountProfile { Id = "p", Handle = "maria", Followers = 900, Following = 300, Posts = 15000, AgeDays = 3000 };

        Assert.NotEmpty(BotModel.Default.Features);
        Assert.InRange(BotModel.Default.Threshold, 0.05, 0.95);
        Assert.True(scorer.Score(spam).PBot > scorer.Score(person).PBot);
    }

    [Fact]
    public void A_declared_bot_adds_fixed_weak_evidence_and_says_so_in_words()
    {
        var scorer = new BotScorer(BotModel.Default);
        var profile = new AccountProfile { Id = "a", Handle = "weather", Followers = 12, Following = 0, Posts = 4000 };

        var undeclared = scorer.Score(profile with { DeclaredBot = false });
        var declared = scorer.Score(profile with { DeclaredBot = true });

        var logit = (double p) => Math.Log(p / (1 - p));
        Assert.Equal(BotScorer.DeclaredBotLogOdds, logit(declared.PBot) - logit(undeclared.PBot), 6);
        Assert.StartsWith("declares itself a bot", declared.Why);
        Assert.DoesNotContain("declares", undeclared.Why);
    }

    [Fact]
    public void Explanations_turn_model_values_back_into_counts_and_shares()
    {
        Assert.Equal("follows 2,300 accounts (towards bot)",
            new FeatureContribution(BotFeature.LogFollowing, Math.Log(2301), 0.4).Describe());
        Assert.Equal("25% of posts are reposts (towards person)",
            new FeatureContribution(BotFeature.RepostShare, 0.25, -0.1).Describe());
        Assert.Equal("one follower for every 20 accounts it follows (towards bot)",
            new FeatureContribution(BotFeature.FollowerFollowingRatio, Math.Log(1.0 / 20), 1.1).Describe());
        Assert.Equal("no profile description (towards bot)",
            new FeatureContribution(BotFeature.DescriptionLength, 0, 0.2).Describe());
    }

    [Fact]
    public void Explanations_read_as_sentences_at_the_edges_one_and_none()
    {
        // No followers and no followings: ln(1/1) = 0, which must not read as if the account had followers.
        Assert.Equal("about as many followers as accounts it follows",
            new FeatureContribution(BotFeature.FollowerFollowingRatio, 0, 0.1).Reason().Fact);
        Assert.Equal("3 followers for every account it follows",
            new FeatureContribution(BotFeature.FollowerFollowingRatio, Math.Log(3), -0.1).Reason().Fact);
        Assert.Equal("1 post in all", new FeatureContribution(BotFeature.LogPosts, Math.Log(2), 0.1).Reason().Fact);
        Assert.Equal("follows 1 account", new FeatureContribution(BotFeature.LogFollowing, Math.Log(2), 0.1).Reason().Fact);
        Assert.Equal("account 1 day old", new FeatureContribution(BotFeature.LogAgeDays, Math.Log(2), 0.1).Reason().Fact);
        Assert.Equal("no display name", new FeatureContribution(BotFeature.DisplayNameLength, 0, 0.1).Reason().Fact);
        Assert.Equal("no digits in the handle", new FeatureContribution(BotFeature.HandleDigits, 0, -0.1).Reason().Fact);
        Assert.Equal("no run of digits in the handle", new FeatureContribution(BotFeature.HandleDigitRun, 1, -0.1).Reason().Fact);
        Assert.Equal("a run of 6 digits in the handle", new FeatureContribution(BotFeature.HandleDigitRun, 6, 0.3).Reason().Fact);
        Assert.Equal("acted in step with 1 other account", new FeatureContribution(BotFeature.CoActors, Math.Log(2), 0.1).Reason().Fact);
    }

    /// <summary>
    /// Trained on bought followers: the mean follower/following ratio (ln −2.3, one follower for every 10 followings) sits
    /// far below a typical person's (about even), and the weight says fewer followers per following means bot.
    /// </summary>
    private static BotModel BoughtFollowers(bool withReference) => new()
    {
        Version = "test", Features = [BotFeature.FollowerFollowingRatio], Means = [-2.3], Scales = [1.5], Weights = [-2.4],
        Bias = 0, Threshold = 0.5, References = withReference ? [0.2] : null,
    };

    [Fact]
    public void Explanations_compare_with_a_typical_account_not_the_training_mean()
    {
        // 1 follower, 10 followings: one follower for every 5.5 — above the training mean, far below a typical person.
        var profile = new AccountProfile { Id = "a", Followers = 1, Following = 10 };

        var against = new BotScorer(BoughtFollowers(withReference: true)).Score(profile);
        var againstMean = new BotScorer(BoughtFollowers(withReference: false)).Score(profile);

        Assert.Equal(againstMean.PBot, against.PBot, 12); // the reference moves the explanation, never the score
        Assert.False(againstMean.Reasons[0].TowardsBot);
        Assert.Equal("one follower for every 5.5 accounts it follows (towards bot, a typical account: about as many followers as accounts it follows)",
            against.Why);
        Assert.Equal(-2.4 * ((Math.Log(2.0 / 11) + 2.3) / 1.5 - (0.2 + 2.3) / 1.5), against.TopFeatures[0].Contribution, 9);
    }

    [Fact]
    public void A_typical_value_in_the_same_words_as_the_accounts_is_not_repeated()
    {
        var reason = new FeatureContribution(BotFeature.FollowerFollowingRatio, 0.1, 0.2, Typical: 0.2).Reason();

        Assert.Null(reason.Typical);
        Assert.Equal("about as many followers as accounts it follows (towards bot)", reason.ToString());
    }

    [Fact]
    public void Stored_reasons_with_a_typical_value_read_back_whole()
    {
        var reasons = new[]
        {
            new BotReason("follows 2,300 accounts", true, "follows 310 accounts"),
            new BotReason("no profile description", false),
        };

        Assert.Equal(reasons, BotReason.Parse(BotReason.Join(reasons)));
        Assert.Equal([new BotReason("an older line without a direction", true)], BotReason.Parse("an older line without a direction"));
    }

    [Fact]
    public void References_survive_save_and_load()
    {
        using var stream = new MemoryStream();
        BoughtFollowers(withReference: true).Save(stream);
        stream.Position = 0;

        Assert.Equal([0.2], BotModel.Load(stream, "m.json").References);
    }

    [Fact]
    public void Stored_reasons_read_back_as_the_facts_and_directions_the_scorer_wrote()
    {
        var profile = new AccountProfile { Id = "a", Following = 2300, HandleLength = 20, DescriptionLength = 0 };
        var score = new BotScorer(HandMade()).Score(profile);
        var stored = new Vigil.Amplification.StoredBotScore(score.AccountId, score.PBot, score.IsBot, score.Why);

        var reasons = BotReason.Of(stored);

        Assert.Equal(score.Reasons, reasons);
        Assert.Equal(["no profile description", "follows 2,300 accounts", "handle 20 characters long"], reasons.Select(r => r.Fact));
        Assert.Equal([false, true, false], reasons.Select(r => r.TowardsBot));
        Assert.Empty(BotReason.Parse(""));
    }

    [Fact]
    public void Cluster_membership_is_fixed_weak_evidence_unless_the_model_weighs_it_itself()
    {
        var profile = new AccountProfile { Id = "a", Following = 40, HandleLength = 10 };
        var scorer = new BotScorer(HandMade());
        var logit = (double p) => Math.Log(p / (1 - p));

        var alone = scorer.Score(profile, coordination: CoordinationSignal.Alone);
        var member = scorer.Score(profile, coordination: new CoordinationSignal(5, 6));

        Assert.Equal(BotScorer.ClusterMemberLogOdds, logit(member.PBot) - logit(alone.PBot), 6);
        Assert.Equal("member of a coordinated cluster (towards bot)", member.Reasons[0].ToString());
        Assert.DoesNotContain(alone.Reasons, r => r.Fact.Contains("cluster"));

        // A model with its own weight for the feature (one trained on a platform with posts) is not given a second one.
        var weighing = HandMade() with
        {
            Features = [BotFeature.LogFollowing, BotFeature.ClusterMember], Means = [0, 0.5], Scales = [1, 0.5], Weights = [1, 0.25],
        };
        var own = new BotScorer(weighing).Score(profile, coordination: new CoordinationSignal(5, 6));
        Assert.Equal(Math.Log(41) + 0.25, logit(own.PBot), 6);
    }
}
