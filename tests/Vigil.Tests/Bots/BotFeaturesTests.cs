using Vigil.Bots;
using Vigil.Model;

namespace Vigil.Tests.Bots;

public sealed class BotFeaturesTests
{
    private static double[] Extract(AccountProfile profile, PostingBehaviour? behaviour = null)
    {
        var features = new double[BotFeatures.Count];
        BotFeatures.Extract(profile, behaviour, features);
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
}
