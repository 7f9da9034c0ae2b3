using Vigil.Bots;
using Vigil.Ingest;
using Vigil.Model;

namespace Vigil.Tests.Bots;

public sealed class AccountLinesTests
{
    private static readonly DateTimeOffset CountsTakenAt = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads <paramref name="text"/> with its ages measured to <see cref="CountsTakenAt"/>, as if given as <c>--as-of</c>.</summary>
    private static AccountLinesResult Read(string text)
    {
        var read = AccountLines.Read(new StringReader(text), "in.jsonl");
        return read with { Profiles = read.Observe(CountsTakenAt, TimeProvider.System).Profiles };
    }

    [Fact]
    public void Reads_what_the_Vigil_writer_writes()
    {
        var account = new Account
        {
            Id = "42", Handle = "echo_chamber_01", DisplayName = "Echo", CreatedAt = CountsTakenAt.AddDays(-30),
            Followers = 5, Following = 700, PostCount = 90, Listed = 1, PaidTier = true, Description = "hi there",
            DefaultProfileImage = true,
        };
        var post = new Post { Id = "p1", AuthorId = "42", CreatedAt = CountsTakenAt, Text = "x", RepostOfId = "p0", Hashtags = ["a"] };
        using var buffer = new MemoryStream();
        using (var writer = new VigilJsonl.Writer(buffer))
        {
            writer.Write(account);
            writer.Write(post);
            writer.Write(new Interaction { Kind = InteractionKind.Like, AccountId = "42", PostId = "p1" });
        }

        var result = Read(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));

        Assert.Empty(result.SetAside);
        var profile = Assert.Single(result.Profiles);
        Assert.Equal(("42", "echo_chamber_01", 5.0, 700.0, 90.0, 30.0, 8), (profile.Id, profile.Handle, profile.Followers,
            profile.Following, profile.Posts, profile.AgeDays, profile.DescriptionLength));
        Assert.True(profile.PaidTier);
        Assert.True(profile.DefaultProfileImage);
        var read = Assert.Single(result.Posts);
        Assert.Equal(InteractionKind.Like, Assert.Single(result.Interactions).Kind);
        Assert.Equal("p0", read.RepostOfId);
        Assert.Equal(["a"], read.Hashtags);
    }

    [Fact]
    public void Reads_X_API_v2_user_objects_bare_or_wrapped_in_data()
    {
        const string lines = """
            {"id":"1","username":"newsdesk","name":"News","created_at":"2020-11-01T00:00:00.000Z","description":"abc","verified_type":"business","public_metrics":{"followers_count":1000,"following_count":10,"tweet_count":500,"listed_count":40},"profile_image_url":"https://pbs.twimg.com/profile_images/1/a.jpg"}
            {"data":{"id":"2","username":"u2","verified_type":"blue","public_metrics":{"followers_count":1,"following_count":2,"tweet_count":3,"listed_count":0},"profile_image_url":"https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"}}
            """;

        var result = Read(lines);

        Assert.Empty(result.SetAside);
        Assert.Equal(2, result.Profiles.Count);
        var news = result.Profiles[0];
        Assert.Equal((1000.0, 10.0, 500.0, 40.0, 3), (news.Followers, news.Following, news.Posts, news.Listed, news.DescriptionLength));
        Assert.Equal(2191, news.AgeDays!.Value, 6);
        Assert.True(news.Verified);
        Assert.False(news.PaidTier);
        Assert.False(news.DefaultProfileImage);
        var paid = result.Profiles[1];
        Assert.True(paid.PaidTier);
        Assert.False(paid.Verified);
        Assert.True(paid.DefaultProfileImage);
        Assert.Null(paid.AgeDays);
    }

    [Fact]
    public void Reads_a_users_lookup_response_with_a_data_array()
    {
        var result = Read("""{"data":[{"id":"1","username":"a"},{"id":"2","username":"b"}],"meta":{"result_count":2}}""");

        Assert.Equal(["1", "2"], result.Profiles.Select(p => p.Id));
    }

    [Fact]
    public void Bad_lines_are_set_aside_with_source_and_line_number_and_the_rest_is_read()
    {
        const string lines = """
            {"id":"1","username":"ok"}
            not json

            {"id":"3","username":"u","public_metrics":{"followers_count":-4}}
            {"kind":"account","v":1,"id":"4"}
            {"kind":"gossip","v":1}
            {"id":"6","username":"also_ok"}
            """;

        var result = Read(lines);

        Assert.Equal(["1", "6"], result.Profiles.Select(p => p.Id));
        Assert.Equal(4, result.SetAside.Count);
        Assert.StartsWith("in.jsonl:2:", result.SetAside[0]);
        Assert.StartsWith("in.jsonl:4:", result.SetAside[1]);
        Assert.Contains("followers_count", result.SetAside[1]);
        Assert.StartsWith("in.jsonl:5:", result.SetAside[2]);
        Assert.Contains("handle", result.SetAside[2]);
        Assert.StartsWith("in.jsonl:6:", result.SetAside[3]);
    }

    [Fact]
    public void Reads_Mastodon_accounts_with_their_bot_flag_and_the_local_part_of_the_handle()
    {
        const string lines = """
            {"id":"109","username":"weather","acct":"weather@bots.example","display_name":"Weather","bot":true,"created_at":"2026-10-02T00:00:00.000Z","note":"<p>Hourly forecasts <a href=\"https://w.example\">w.example</a></p>","avatar":"https://bots.example/avatars/original/missing.png","followers_count":12,"following_count":0,"statuses_count":4000}
            {"id":"110","username":"anna","acct":"anna","display_name":"Anna","bot":false,"created_at":"2020-01-01T00:00:00.000Z","note":"","avatar":"https://x.example/a.png","followers_count":120,"following_count":80,"statuses_count":900}
            """;

        var result = Read(lines);

        Assert.Empty(result.SetAside);
        var weather = result.Profiles.Single(p => p.Id == "109");
        Assert.Equal(("weather", true, true, 30.0), (weather.Handle, weather.DeclaredBot, weather.DefaultProfileImage, weather.AgeDays));
        Assert.Contains("Hourly forecasts", weather.Description);
        Assert.Equal(false, result.Profiles.Single(p => p.Id == "110").DeclaredBot);
    }

    [Fact]
    public void Bad_Mastodon_and_Bluesky_records_are_set_aside_with_source_line_and_field()
    {
        const string lines = """
            {"id":"109","username":"w","acct":"w@bots.example","bot":"yes","followers_count":1}
            {"id":"110","username":"a","acct":"a","created_at":"last tuesday"}
            {"did":"did:plc:abc","kind":"commit","commit":{"operation":"update","collection":"app.bsky.actor.profile","rkey":"self"}}
            {"did":"did:plc:abd","kind":"commit","commit":{"operation":"create","collection":"app.bsky.actor.profile","record":{"createdAt":"soon"}}}
            {"id":"111","username":"b","acct":"b","bot":false,"followers_count":3}
            """;

        var result = Read(lines);

        Assert.Equal(["111"], result.Profiles.Select(p => p.Id));
        Assert.Equal(4, result.SetAside.Count);
        Assert.StartsWith("in.jsonl:1:", result.SetAside[0]);
        Assert.Contains("'bot'", result.SetAside[0]);
        Assert.StartsWith("in.jsonl:2:", result.SetAside[1]);
        Assert.Contains("'created_at'", result.SetAside[1]);
        Assert.StartsWith("in.jsonl:3:", result.SetAside[2]);
        Assert.Contains("without a record", result.SetAside[2]);
        Assert.StartsWith("in.jsonl:4:", result.SetAside[3]);
        Assert.Contains("'createdAt'", result.SetAside[3]);
    }

    [Fact]
    public void Reads_Bluesky_profiles_handles_and_posts_from_Jetstream_events()
    {
        const string lines = """
            {"did":"did:plc:abc","time_us":1761955200000000,"kind":"identity","identity":{"did":"did:plc:abc","handle":"anna1984.bsky.social","seq":1,"time":"2026-11-01T00:00:00Z"}}
            {"did":"did:plc:abc","time_us":1761955200000000,"kind":"commit","commit":{"rev":"1","operation":"update","collection":"app.bsky.actor.profile","rkey":"self","record":{"$type":"app.bsky.actor.profile","displayName":"Anna","description":"hello","createdAt":"2026-10-22T00:00:00Z"}}}
            {"did":"did:plc:abc","time_us":1761955200000000,"kind":"commit","commit":{"rev":"2","operation":"create","collection":"app.bsky.feed.post","rkey":"p1","record":{"$type":"app.bsky.feed.post","text":"hi","createdAt":"2026-10-31T00:00:00Z"}}}
            """;

        var result = Read(lines);

        Assert.Empty(result.SetAside);
        var profile = Assert.Single(result.Profiles);
        Assert.Equal(("did:plc:abc", "anna1984", "Anna", true, 10.0), (profile.Id, profile.Handle, profile.DisplayName, profile.DefaultProfileImage, profile.AgeDays));
        Assert.Equal("did:plc:abc", Assert.Single(result.Posts).AuthorId);
    }

    [Fact]
    public void Without_a_given_time_accounts_are_observed_at_the_newest_post()
    {
        const string lines = """
            {"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"rev":"1","operation":"create","collection":"app.bsky.actor.profile","rkey":"self","record":{"createdAt":"2026-10-01T00:00:00Z"}}}
            {"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"rev":"2","operation":"create","collection":"app.bsky.feed.post","rkey":"p1","record":{"text":"a","createdAt":"2026-10-11T00:00:00Z"}}}
            {"did":"did:plc:abc","time_us":1,"kind":"commit","commit":{"rev":"3","operation":"create","collection":"app.bsky.feed.post","rkey":"p2","record":{"text":"b","createdAt":"2026-10-06T00:00:00Z"}}}
            """;

        var read = AccountLines.Read(new StringReader(lines), "in.jsonl");
        var (observation, profiles) = read.Observe(null, TimeProvider.System);

        Assert.Equal(new DateTimeOffset(2026, 10, 11, 0, 0, 0, TimeSpan.Zero), observation.At);
        Assert.Equal(10.0, Assert.Single(profiles).AgeDays);
        Assert.Equal(3.0, read.Observe(new DateTimeOffset(2026, 10, 4, 0, 0, 0, TimeSpan.Zero), TimeProvider.System).Profiles[0].AgeDays);
    }
}
