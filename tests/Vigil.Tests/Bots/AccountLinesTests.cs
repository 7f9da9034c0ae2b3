using Vigil.Bots;
using Vigil.Ingest;
using Vigil.Model;

namespace Vigil.Tests.Bots;

public sealed class AccountLinesTests
{
    private static readonly DateTimeOffset CountsTakenAt = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static AccountLinesResult Read(string text) => AccountLines.Read(new StringReader(text), "in.jsonl", CountsTakenAt);

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
}
