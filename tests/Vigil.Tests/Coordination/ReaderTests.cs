using Vigil.Coordination;

namespace Vigil.Tests.Coordination;

public sealed class ReaderTests
{
    private const string Header = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n";

    [Fact]
    public void Qut_csv_handles_bom_quoted_commas_newlines_and_url_lists()
    {
        var csv = "\uFEFF" + Header +
                  "1,u1,alice,,,\"hello, \"\"world\"\"\nsecond line\",100.5,\"https://a.example https://b.example\"\n" +
                  "2,u2,bob,1,,,101,\n";
        var input = QutCsvReader.Read(new StringReader(csv), "t.csv");
        Assert.Empty(input.SetAside);
        var first = input.Messages[0];
        Assert.Equal("hello, \"world\"\nsecond line", first.Text);
        Assert.Equal(100.5, first.Timestamp);
        Assert.Equal(["https://a.example", "https://b.example"], first.Urls);
        Assert.Null(first.RepostId);
        Assert.Equal("1", input.Messages[1].RepostId);
        Assert.Empty(input.Messages[1].Urls);
    }

    [Fact]
    public void Qut_csv_sets_aside_bad_rows_with_their_line_and_goes_on()
    {
        var csv = Header +
                  "1,u1,a,,,\"two\nlines\",10,\n" + // lines 2-3
                  "2,u1,a,,,x,yesterday,\n" +       // line 4: bad timestamp
                  ",u1,a,,,x,10,\n" +                // line 5: missing id
                  "3,,a,,,x,10,\n" +                 // line 6: missing user
                  "4,u1,a,,x,10,\n" +                // line 7: 7 fields
                  "1,u9,z,,,dup,11,\n" +             // line 8: duplicate id
                  "5,u2,b,,,ok,2026-03-01T00:00:10Z,\n";
        var input = QutCsvReader.Read(new StringReader(csv), "t.csv");
        Assert.Equal(["1", "5"], input.Messages.Select(m => m.MessageId));
        Assert.Equal([4L, 5, 6, 7, 8], input.SetAside.Select(s => s.Line));
        Assert.Contains("timestamp", input.SetAside[0].Reason);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 10, TimeSpan.Zero).ToUnixTimeSeconds(), input.Messages[1].Timestamp);
        Assert.StartsWith("t.csv:4:", input.SetAside[0].ToString());
    }

    [Fact]
    public void Vigil_jsonl_reads_posts_and_handles_and_sets_aside_broken_lines()
    {
        var jsonl = """
            {"kind":"account","v":1,"id":"a1","handle":"alice"}
            {"kind":"post","v":1,"id":"p1","author_id":"a1","created_at":"2026-03-01T12:00:00.500Z","text":"hi","repost_of_id":"p0","urls":["https://x.example"],"views":3}
            {"kind":"post","v":1,"id":"p2","created_at":"2026-03-01T12:00:00.000Z","text":"no author"}
            not json
            {"kind":"interaction","v":1,"type":"like","account_id":"a1","post_id":"p1","at":"2026-03-01T12:00:00.000Z"}
            {"kind":"post","v":1,"id":"p3","author_id":"a2","created_at":"2026-03-01T12:00:01.000Z","text":"yo","reply_to_id":"p1"}
            """;
        var input = VigilPostsReader.Read(new StringReader(jsonl), "posts.jsonl");
        Assert.Equal(["p1", "p3"], input.Messages.Select(m => m.MessageId));
        var p1 = input.Messages[0];
        Assert.Equal(("alice", "p0", "https://x.example"), (p1.Username, p1.RepostId, p1.Urls[0]));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() + 0.5, p1.Timestamp);
        Assert.Equal("p1", input.Messages[1].ReplyId);
        Assert.Equal([3L, 4], input.SetAside.Select(s => s.Line));
    }

    [Fact]
    public void From_posts_maps_reposts_replies_and_urls()
    {
        var post = new Vigil.Model.Post
        {
            Id = "p", AuthorId = "a", CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(42.25), RepostOfId = "o", ReplyToId = "r",
            Urls = ["https://u.example"],
        };
        var message = Assert.Single(CoordinationMessage.FromPosts([post]));
        Assert.Equal(("p", "a", "o", "r", 42.25), (message.MessageId, message.UserId, message.RepostId, message.ReplyId, message.Timestamp));
        Assert.Equal(["https://u.example"], message.Urls);
    }
}
