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
        Write("cresci2015", "Dataset1_Freq_tweets.csv", "UserID,Year,Month,Tweet,Label,Typo",
            "10,2014,1,6,Spambot,Tweet", "10,2014,2,2,Spambot,Retweet", "10,2014,2,2,Spambot,Reply");

        var set = BotDataSets.Load(_root, BotDataSets.Cresci);

        Assert.Equal([("10", true), ("11", false)], set.Accounts.Select(a => (a.Profile.Id, a.IsBot)));
        Assert.Equal("Luca, from Rome", set.Accounts[1].Profile.DisplayName);
        Assert.Contains("count_master_ds1.csv:4:", Assert.Single(set.SetAside));
        Assert.Equal((0.2, 0.2), (set.Accounts[0].Behaviour!.RepostShare, set.Accounts[0].Behaviour!.ReplyShare));
        Assert.Null(set.Accounts[1].Behaviour);
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

    [Fact]
    public void RtBust_rows_measure_age_to_the_record_time_and_keep_the_description()
    {
        const string header = "user_id,label,screen_name,name,description,location,url,lang,created_at,followers_count,friends_count,statuses_count,favourites_count,listed_count,verified,protected,default_profile,default_profile_image,geo_enabled,record_created_at";
        Write("rtbust2019", "rtbust2019_users.csv", header,
            "1,bot,rt_bot99,rt_bot99,\"news\nhttps://x.example\",,,it,Fri Feb 06 22:33:59 +0000 2015,20,800,9000,1,0,false,false,true,false,false,Sun Feb 15 22:33:59 +0000 2015",
            "2,human,anna,Anna B,,,,it,Fri Feb 06 22:33:59 +0000 2015,20,80,900,1,3,false,false,false,false,false,not a time");

        var set = BotDataSets.Load(_root, BotDataSets.RtBust);

        var bot = Assert.Single(set.Accounts);
        Assert.True(bot.IsBot);
        Assert.Equal(9.0, bot.Profile.AgeDays!.Value, 6);
        Assert.Equal("news\nhttps://x.example", bot.Profile.Description);
        Assert.Equal(true, bot.Profile.DefaultProfile);
        Assert.Contains("rtbust2019_users.csv:4:", Assert.Single(set.SetAside));
    }

    [Fact]
    public void Jubins_rows_are_for_testing_only_and_handles_in_both_files_are_dropped()
    {
        const string header = "id,id_str,screen_name,location,description,url,followers_count,friends_count,listedcount,created_at,favourites_count,verified,statuses_count,lang,status,default_profile,default_profile_image,has_extended_profile,name,bot";
        Write("jubins2017", "bots_data.csv", header,
            "8.41E+17,8.41E+17,quote_bot,,A bot,,10,1,0,13/03/2017 10:00,0,FALSE,500,en,\"{'created_at': 'Mon Mar 13 22:00:00 +0000 2017'}\",TRUE,FALSE,FALSE,Quote bot,1",
            "1,1,both,,,,1,1,0,13/03/2017 10:00,0,FALSE,1,en,,FALSE,FALSE,FALSE,Both,1");
        Write("jubins2017", "nonbots_data.csv", header,
            "2,2,both,,,,1,1,0,13/03/2017 10:00,0,FALSE,1,en,,FALSE,FALSE,FALSE,Both,0");

        var set = BotDataSets.Load(_root, BotDataSets.Jubins);

        Assert.Equal(BotSetRole.CrossSetTest, set.Role);
        var bot = Assert.Single(set.Accounts);
        Assert.Equal("quote_bot", bot.Profile.Handle);
        Assert.Equal(0.5, bot.Profile.AgeDays!.Value, 6);
        Assert.Contains("'both' is in both files", Assert.Single(set.SetAside));
    }

    [Fact]
    public void Bluesky_accounts_are_a_smoke_test_with_the_handle_local_part()
    {
        Directory.CreateDirectory(Path.Combine(_root, "bluesky-parmar2025"));
        File.WriteAllText(Path.Combine(_root, "bluesky-parmar2025", "initial_dataset.json"), """
            [{"handle": "anna.bsky.social", "display_name": "Anna", "followers_count": 10, "follows_count": 5, "posts_count": 3,
              "account_age": 40, "description": "hi", "is_verified": false, "label": "human"},
             {"handle": "b.bsky.social", "display_name": "B", "followers_count": 1, "follows_count": 1, "posts_count": 1,
              "account_age": 4, "description": "", "is_verified": false, "label": "maybe"}]
            """);

        var set = BotDataSets.Load(_root, BotDataSets.Bluesky);

        Assert.Equal(BotSetRole.SmokeTest, set.Role);
        Assert.Equal("anna", Assert.Single(set.Accounts).Profile.Handle);
        Assert.Contains("account 2", Assert.Single(set.SetAside));
    }

    private static LabelledSet Named(string name, BotSetRole role) => new LabelledSet(name,
    [
        new LabelledAccount(new AccountProfile { Id = "1", Handle = "weather_bot", DisplayName = "weather bot", Following = 3, Followers = 40, Verified = false }, true),
        new LabelledAccount(new AccountProfile { Id = "2", Handle = "famous", DisplayName = "Famous Person", Following = 300, Followers = 90000, Verified = true }, false),
    ], []) { Role = role };

    [Fact]
    public void Training_on_other_sets_reassigns_roles_and_trains_on_jubins_without_its_shortcuts()
    {
        var sets = new[]
        {
            Named(BotDataSets.Caverlee, BotSetRole.Training), Named(BotDataSets.RtBust, BotSetRole.Training),
            Named(BotDataSets.Jubins, BotSetRole.CrossSetTest), Named(BotDataSets.Bluesky, BotSetRole.SmokeTest),
        };

        var chosen = BotDataSets.TrainOn(sets, [BotDataSets.RtBust, BotDataSets.Jubins]);

        Assert.Equal([BotSetRole.CrossSetTest, BotSetRole.Training, BotSetRole.Training, BotSetRole.SmokeTest], chosen.Select(s => s.Role));
        Assert.Empty(chosen[1].Withheld);
        var jubins = FeatureSet.From(chosen[2], relativeToPopulation: false);
        foreach (var shortcut in new[] { BotFeature.HandleLength, BotFeature.NameIsHandle, BotFeature.Verified })
            Assert.All(jubins.Rows, r => Assert.True(double.IsNaN(r.Features[(int)shortcut]), $"{shortcut} withheld"));
        Assert.All(jubins.Rows, r => Assert.False(double.IsNaN(r.Features[(int)BotFeature.LogFollowing])));
        // Read as a test set, jubins keeps every feature.
        Assert.False(double.IsNaN(FeatureSet.From(sets[2], relativeToPopulation: false).Rows[0].Features[(int)BotFeature.HandleLength]));
    }

    [Fact]
    public void Training_on_an_unknown_or_smoke_test_set_is_refused_by_name()
    {
        var sets = new[] { Named(BotDataSets.Caverlee, BotSetRole.Training), Named(BotDataSets.Bluesky, BotSetRole.SmokeTest) };

        Assert.Contains("'nope'", Assert.Throws<ArgumentException>(() => BotDataSets.TrainOn(sets, ["nope"])).Message);
        Assert.Contains(BotDataSets.Bluesky, Assert.Throws<ArgumentException>(() => BotDataSets.TrainOn(sets, [BotDataSets.Bluesky])).Message);
    }
}
