using Vigil.Coordination;
using Vigil.Bots;
using Vigil.Model;

namespace Vigil.Tests.Bots;

public sealed class BotFeaturesTests
{
    private static double[] Extract(AccountProfile profile, PostingBehaviour? behaviour = null, CoordinationSignal? coordination = null)
    {
        var features = new double[BotFeatures.Count];
        BotFeatures.Extract(profile, behaviour, coordination, features);
        return features;
    }

    private static double Get(double[] features, BotFeature feature) => features[(int)feature];

    [Fact]
    public void Handle_patterns_count_digits_and_the_longest_digit_run()
    {
        var f = Extract(new AccountProfile { Id = "1", Handle = "anna83920471x12" });

        Assert.Equal(15, Get(f, BotFeature.HandleLength));
        Assert.Equal(10, Get(f, BotFeature.HandleDigits));
        Assert.Equal(8, Get(f, BotFeature.HandleDigitRun));
    }

    [Fact]
    public void Missing_inputs_give_missing_features_not_zero()
    {
        var f = Extract(new AccountProfile { Id = "1", Followers = 10, HandleLength = 7 });

        Assert.True(double.IsNaN(Get(f, BotFeature.FollowerFollowingRatio)));
        Assert.True(double.IsNaN(Get(f, BotFeature.HandleDigits))); // only the length is known
        Assert.True(double.IsNaN(Get(f, BotFeature.Verified)));
        Assert.True(double.IsNaN(Get(f, BotFeature.GapVariation)));
        Assert.Equal(7, Get(f, BotFeature.HandleLength));
    }

    [Fact]
    public void Ratios_and_rates_use_logs_of_one_plus_the_count()
    {
        var f = Extract(new AccountProfile { Id = "1", Followers = 99, Following = 9, Posts = 2000, AgeDays = 100 });

        Assert.Equal(Math.Log(10), Get(f, BotFeature.FollowerFollowingRatio), 12);
        Assert.Equal(Math.Log(21), Get(f, BotFeature.LogPostsPerDay), 12);
        Assert.Equal(Math.Log(10), Get(f, BotFeature.LogFollowing), 12);
    }

    [Fact]
    public void An_account_export_maps_to_a_profile_with_age_at_the_time_counts_were_taken()
    {
        var account = new Account
        {
            Id = "7", Handle = "h", CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Followers = 3,
            PaidTier = true,
        };

        var profile = AccountProfile.FromAccount(account, new DateTimeOffset(2026, 1, 11, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(10, profile.AgeDays);
        Assert.Equal(3, profile.Followers);
        Assert.True(profile.PaidTier);
    }

    [Fact]
    public void Feature_names_round_trip_through_kebab_case()
    {
        foreach (var feature in Enum.GetValues<BotFeature>())
        {
            Assert.True(BotFeatures.TryParse(BotFeatures.NameOf(feature), out var parsed));
            Assert.Equal(feature, parsed);
        }
    }

    [Fact]
    public void Coordination_features_come_from_the_networks_and_clusters_and_are_missing_when_the_stage_did_not_run()
    {
        CoordinationResult Network(params (string A, string B)[] edges) =>
            new(CoordinationType.CoRetweet, new CoordinationOptions(), edges.Select(e => new CoordinationEdge(e.A, e.B, 3)).ToArray(), 10);
        var clusters = new[]
        {
            new CoordinatedCluster(1, [new ClusterMember("a", "a"), new ClusterMember("b", "b"), new ClusterMember("c", "c")], [], 9, 3, 1, 0, 0, []),
        };
        // a→b in one network, b→a and a→c in another: a acted with b and c; d with a alone, in no cluster.
        var signals = CoordinationSignal.ByAccount([Network(("a", "b"), ("d", "a")), Network(("b", "a"), ("a", "c"))], clusters);

        Assert.Equal(new CoordinationSignal(3, 3), signals["a"]);
        Assert.Equal(new CoordinationSignal(1, null), signals["d"]);
        Assert.False(signals.ContainsKey("e"));
        var profile = new AccountProfile { Id = "a" };
        var a = Extract(profile, coordination: signals["a"]);
        Assert.Equal(Math.Log(4), Get(a, BotFeature.CoActors), 12);
        Assert.Equal(1, Get(a, BotFeature.ClusterMember));
        var alone = Extract(profile, coordination: CoordinationSignal.Alone);
        Assert.Equal((0.0, 0.0), (Get(alone, BotFeature.CoActors), Get(alone, BotFeature.ClusterMember)));
        var notRun = Extract(profile);
        Assert.True(double.IsNaN(Get(notRun, BotFeature.CoActors)) && double.IsNaN(Get(notRun, BotFeature.ClusterMember)));
    }
}
