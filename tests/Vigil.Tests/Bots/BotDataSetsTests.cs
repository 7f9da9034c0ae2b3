using Vigil.Bots;

namespace Vigil.Tests.Bots;

/// <summary>Hand-written rows in each research set's layout (no rows from the real sets).</summary>
public sealed class BotDataSetsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-bots-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string set, string file, params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(_root, set));
        File.WriteAllLines(Path.Combine(_root, set, file), lines);
    }

    [Fact]
    public void Caverlee_rows_give_age_at_collection_and_lengths()
    {
        const string header = "UserID,CreatedAt,CollectedAt,NumerOfFollowings,NumberOfFollowers,NumberOfTweets,LengthOfScreenName,LengthOfDescriptionInUserProfile";
        Write("caverlee2011", "content_polluters.csv", header, "1,2009-01-01 00:00:00,2009-01-11 00:00:00,2000,30,15,12,100",
            "2,not a date,2009-01-11 00:00:00,1,1,1,1,1");
        Write("caverlee2011", "legitimate_users.csv", header, "3,2008-01-01 00:00:00,2009-01-01 00:00:00,100,150,900,6,40");

        var set = BotDataSets.Load(_root, BotDataSets.Caverlee);

        Assert.Equal([("1", true), ("3", false)], set.Accounts.Select(a => (a.Profile.Id, a.IsBot)));
        var bot = set.Accounts[0].Profile;
        Assert.Equal((10.0, 2000.0, 30.0, 15.0, 12, 100), (bot.AgeDays!.Value, bot.Following!.Value, bot.Followers!.Value,
            bot.Posts!.Value, bot.HandleLength!.Value, bot.DescriptionLength!.Value));
        Assert.Null(bot.Handle);
        var aside = Assert.Single(set.SetAside);
        Assert.Contains("content_polluters.csv:3:", aside);
    }

    [Fact]
    public void Cresci_rows_read_quoted_names_and_labels()
    {
        Write("cresci2015", "count_master_ds1.csv", "uid,NumberOfFollowers,NumberOfFollowing,NumberOfTweets,Label,Screen Name,Name",
            "10,5,900,3,Content Polluter,buyer1234,Anna",
            "11,500,300,4000,Legitimate User,luca,\"Luca, from Rome\"",
            "12,1,1,1,Maybe,x,y");

        var set = BotDataSets.Load(_root, BotDataSets.Cresci);

        Assert.Equal([("10", true), ("11", false)], set.Accounts.Select(a => (a.Profile.Id, a.IsBot)));
        Assert.Equal("Luca, from Rome", set.Accounts[1].Profile.DisplayName);
        Assert.Contains("count_master_ds1.csv:4:", Assert.Single(set.SetAside));
    }

    [Fact]
    public void Gilani_rows_take_followers_from_the_band_and_following_from_the_ratio()
    {
        const string header = "screen_name,user_tweeted,user_retweeted,user_favourited,user_replied,likes_per_tweet,retweets_per_tweet,lists_per_user,follower_friend_ratio,tweet_frequency,favourite_tweet_ratio,age_of_account_in_days,sources_count,urls_count,cdn_content_in_kb,source_identity";
        Write("gilani2017", "bots.1k.csv", header, "robo1, 1, 2, 3.0, 4, 0.0, 0.0, 0.01, 4.0, 10.0, 0.0, 200.0, 1, 2, 3.0,[1;2]");
        Write("gilani2017", "humans.100k.csv", header, "jane, 1, 2, 3.0, 4, 0.0, 0.0, 0.01, 0.5, 2.0, 0.0, 1000.0, 1, 2, 3.0,[2]");

        var set = BotDataSets.Load(_root, BotDataSets.Gilani);

        Assert.Equal(2, set.Accounts.Count);
        var robo = set.Accounts.Single(a => a.IsBot).Profile;
        Assert.Equal(("robo1", 1000.0, 250.0, 2000.0, 200.0), (robo.Handle, robo.Followers!.Value, robo.Following!.Value,
            robo.Posts!.Value, robo.AgeDays!.Value));
        var jane = set.Accounts.Single(a => !a.IsBot).Profile;
        Assert.Equal(200000.0, jane.Following!.Value);
        Assert.Equal(6, set.SetAside.Count); // the six band files not written here are reported missing
    }

    [Fact]
    public void A_missing_data_folder_says_training_needs_it_and_scoring_does_not()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => BotDataSets.LoadAll(Path.Combine(_root, "absent")));

        Assert.Contains("scoring uses the shipped model", error.Message);
    }
}
