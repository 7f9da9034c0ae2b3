using Vigil.Ingest;
using Vigil.Model;

namespace Vigil.Tests.Ingest;

public sealed class PlatformIngestTests : IngestTestBase
{
    [Fact]
    public async Task X_v2_pretty_printed_response_gives_tweets_referenced_tweets_users_and_interactions()
    {
        var summary = await IngestAsync(Fixture("x-v2.json"));

        var file = summary.Files[0];
        Assert.Equal(IngestFormat.XV2, file.Format);
        Assert.Equal(new IngestCounts(2, 0), file.Accounts);
        Assert.Equal(new IngestCounts(4, 0), file.Posts);
        Assert.Equal(new IngestCounts(3, 0), file.Interactions);
        var rejection = Assert.Single(Rejections);
        Assert.Equal(1, rejection.Line);
        Assert.Contains("data[3]", rejection.Reason);
        Assert.Contains("author_id", rejection.Reason);
        Assert.Contains("no author id here", rejection.Raw);

        var posts = (await Store.ReadPostsAsync().ToListAsync()).ToDictionary(p => p.Id);
        Assert.Equal(250, posts["1001"].Views);
        Assert.Equal(["https://example.org/article"], posts["1001"].Urls);
        Assert.Equal(["first"], posts["1001"].Hashtags);
        Assert.Equal("1001", posts["1002"].RepostOfId);
        Assert.Equal(("1001", "999"), (posts["1003"].ReplyToId, posts["1003"].QuoteOfId));
        var accounts = (await Store.ReadAccountsAsync().ToListAsync()).ToDictionary(a => a.Id);
        Assert.True(accounts["12"].PaidTier);
        Assert.True(accounts["12"].DefaultProfileImage);
        Assert.False(accounts["11"].PaidTier);
        Assert.True(accounts["11"].Verified);
        Assert.Equal(5000, accounts["11"].Followers);
        var kinds = (await Store.ReadInteractionsAsync().ToListAsync()).Select(i => (i.Kind, i.AccountId, i.PostId)).Order().ToList();
        Assert.Equal([(InteractionKind.Repost, "12", "1001"), (InteractionKind.Quote, "12", "999"), (InteractionKind.Reply, "12", "1001")], kinds);
    }

    [Fact]
    public async Task X_v2_one_response_a_line_quarantines_a_cut_line_without_losing_the_next()
    {
        var summary = await IngestAsync(Fixture("x-v2-lines.jsonl"));

        Assert.Equal(IngestFormat.XV2, summary.Files[0].Format);
        Assert.Equal([2, 3], RejectedLines());
        Assert.Contains("only errors", Rejections[1].Reason);
        Assert.Equal(["2001", "2003"], (await Store.ReadPostsAsync().ToListAsync()).Select(p => p.Id));
        Assert.Equal(new IngestCounts(2, 1), summary.Files[0].Accounts);
    }

    [Theory]
    [InlineData("""{"data":[{"id":"1","author_id":"9","created_at":"2026-03-02T10:00:00Z","text":"cut inside a str""")]
    [InlineData("""{"data":[{"id":"1","author_id":"9","created_at":"2026-03-02T10:00:00Z"},""")]
    public async Task X_v2_lines_whose_first_line_is_cut_lose_only_that_lineAsync(string cutFirstLine)
    {
        var path = TempFile("cut-first.jsonl");
        File.WriteAllLines(path,
        [
            cutFirstLine,
            """{"data":[{"id":"2","author_id":"9","created_at":"2026-03-02T10:01:00Z","text":"two"}]}""",
            """{"data":[{"id":"3","author_id":"9","created_at":"2026-03-02T10:02:00Z","text":"three"}]}""",
        ]);

        await IngestAsync(path, IngestFormat.XV2);

        Assert.Equal([1], RejectedLines());
        Assert.Equal(["2", "3"], (await Store.ReadPostsAsync().ToListAsync()).Select(p => p.Id));
    }

    [Fact]
    public async Task Jetstream_posts_reposts_and_likes_are_taken_other_events_ignored()
    {
        var summary = await IngestAsync(Fixture("jetstream.jsonl"));

        var file = summary.Files[0];
        Assert.Equal(IngestFormat.Jetstream, file.Format);
        Assert.Equal(3, file.Posts.Taken);
        Assert.Equal(4, file.Interactions.Taken);
        Assert.Equal(3, file.Ignored);
        Assert.Equal([8, 9, 10], RejectedLines());

        const string original = "at://did:plc:alice/app.bsky.feed.post/3kpost1";
        var posts = (await Store.ReadPostsAsync().ToListAsync()).ToDictionary(p => p.Id);
        Assert.Equal(["sky"], posts[original].Hashtags);
        Assert.Equal(["did:plc:bob"], posts[original].Mentions);
        Assert.Equal(["https://example.org"], posts[original].Urls);
        Assert.Equal("en", posts[original].Language);
        var reply = posts["at://did:plc:bob/app.bsky.feed.post/3kreply"];
        Assert.Equal(original, reply.ReplyToId);
        Assert.Equal("at://did:plc:carol/app.bsky.feed.post/3kold", reply.QuoteOfId);
        Assert.Equal(original, posts["at://did:plc:bot1/app.bsky.feed.repost/3krepost"].RepostOfId);
        var like = (await Store.ReadInteractionsAsync().ToListAsync()).Single(i => i.Kind == InteractionKind.Like);
        Assert.Equal(("did:plc:bot2", original), (like.AccountId, like.PostId));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 2, TimeSpan.Zero), like.At);
    }

    [Fact]
    public async Task Mastodon_array_gives_statuses_boosts_and_accounts_with_html_reduced_to_text()
    {
        var summary = await IngestAsync(Fixture("mastodon.json"));

        var file = summary.Files[0];
        Assert.Equal(IngestFormat.Mastodon, file.Format);
        Assert.Equal(3, file.Accounts.Taken);
        Assert.Equal(3, file.Posts.Taken);
        Assert.Equal(2, file.Interactions.Taken);
        var rejection = Assert.Single(Rejections);
        Assert.Equal(38, rejection.Line);
        Assert.Contains("created_at", rejection.Reason);

        var posts = (await Store.ReadPostsAsync().ToListAsync()).ToDictionary(p => p.Id);
        Assert.Equal("Fish & chips at https://example.org/menu\n\nwith @bob #food\nline two", posts["110001"].Text);
        Assert.Equal(["https://example.org/menu?a=1&b=2"], posts["110001"].Urls);
        Assert.Equal(["food"], posts["110001"].Hashtags);
        Assert.Equal(["bob"], posts["110001"].Mentions);
        Assert.Equal("110000", posts["110002"].RepostOfId);
        Assert.Equal("Guten Tag", posts["110000"].Text);
        Assert.Equal("109999", posts["110000"].ReplyToId);
        var booster = (await Store.ReadAccountsAsync().ToListAsync()).Single(a => a.Id == "777");
        Assert.Equal("boostbot@other.example", booster.Handle);
        Assert.True(booster.DefaultProfileImage);
        Assert.Contains((await Store.ReadInteractionsAsync().ToListAsync()), i => i is { Kind: InteractionKind.Repost, AccountId: "777", PostId: "110000" });
    }

    [Theory]
    [InlineData("vigil.jsonl", IngestFormat.Vigil)]
    [InlineData("posts.csv", IngestFormat.Csv)]
    [InlineData("x-v2.json", IngestFormat.XV2)]
    [InlineData("x-v2-lines.jsonl", IngestFormat.XV2)]
    [InlineData("jetstream.jsonl", IngestFormat.Jetstream)]
    [InlineData("mastodon.json", IngestFormat.Mastodon)]
    public void Format_is_detected_from_the_first_record(string fixture, IngestFormat expected)
    {
        Assert.Equal(expected, FormatDetector.Detect(File.ReadAllBytes(Fixture(fixture))));
    }

    [Fact]
    public void Detection_reads_keys_of_a_first_record_cut_off_by_the_sniff_window()
    {
        var head = """{"did":"did:plc:x","time_us":1,"commit":{"record":{"text":"cut"""u8;

        Assert.Equal(IngestFormat.Jetstream, FormatDetector.Detect(head));
        Assert.Null(FormatDetector.Detect("""{"something":"else"}"""u8));
    }
}
