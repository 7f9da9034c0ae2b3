using System.Text;
using Vigil.Ingest;
using Vigil.Model;

namespace Vigil.Tests.Ingest;

/// <summary>
/// Issue 15: the importers on records of the shapes real exports have (written here by hand, in those shapes): pages
/// after single objects, twarc2's flattened tweets, long posts, content warnings, reposts, quote fallbacks, the old
/// Jetstream schema, non-tweet X responses and large responses. Every test also checks the accounting identity.
/// </summary>
public sealed class RealShapesIngestTests : IngestTestBase
{
    private static string Status(int id, string content = "<p>hello</p>", string extra = "") =>
        $$"""{"id":"{{id}}","created_at":"2026-03-01T12:{{id % 60:D2}}:00.000Z","in_reply_to_id":null,"language":"en","spoiler_text":"","content":"{{content.Replace("\"", "\\\"")}}","account":{"id":"a{{id % 3}}","username":"user{{id % 3}}","acct":"user{{id % 3}}","display_name":"","followers_count":1,"following_count":2,"statuses_count":3},"reblog":null,"tags":[],"mentions":[]{{extra}}}""";

    private static string XTweet(string id, string text = "hi", string extra = "") =>
        $$"""{"id":"{{id}}","author_id":"u{{id}}","created_at":"2021-04-08T18:00:00.000Z","text":"{{text}}","lang":"en"{{extra}}}""";

    private static string XUser(string id) =>
        $$$"""{"id":"{{{id}}}","username":"name{{{id}}}","name":"Name {{{id}}}","created_at":"2015-01-01T00:00:00.000Z","verified":false,"public_metrics":{"followers_count":3,"following_count":4,"tweet_count":5,"listed_count":0}}""";

    private static string Jet(string rkey, string record, string kind = "\"kind\":\"commit\"", string operation = "\"operation\":\"create\"",
        string collection = "app.bsky.feed.post") =>
        $$$"""{"did":"did:plc:alice","time_us":1772366400000000,{{{kind}}},"commit":{"rev":"3lbq",{{{operation}}},"collection":"{{{collection}}}","rkey":"{{{rkey}}}","record":{{{record}}},"cid":"bafy"}}""";

    private async Task<FileSummary> IngestTextAsync(string name, string text, IngestFormat? format = null)
    {
        var path = TempFile(name);
        File.WriteAllText(path, text);
        var file = Assert.Single((await IngestAsync(path, format)).Files);
        Assert.True(file.IsBalanced, $"read {file.Read} != taken {file.Taken} + duplicates {file.Duplicates} + quarantined {file.Quarantined} + ignored {file.Ignored}");
        return file;
    }

    private async Task<Dictionary<string, Post>> PostsAsync() => (await Store.ReadPostsAsync().ToListAsync()).ToDictionary(p => p.Id);

    [Fact]
    public async Task A_mastodon_page_after_a_single_status_is_read_as_its_statuses()
    {
        var page = "[" + string.Join(",", Enumerable.Range(2, 20).Select(i => Status(i))) + "]";
        var file = await IngestTextAsync("statuses.json", Status(1) + "\n" + page + "\n", IngestFormat.Mastodon);

        Assert.Equal(21, file.Posts.Taken);
        Assert.Empty(Rejections);
        Assert.Equal(21, file.Records);
    }

    [Fact]
    public async Task Pretty_printed_objects_followed_by_a_pretty_printed_page_are_all_read_with_their_lines()
    {
        static string Pretty(string json) => json.Replace(",\"", ",\n  \"");
        var text = Pretty(Status(1)) + "\n" + Pretty(Status(2)) + "\n[\n" + Pretty(Status(3)) + ",\n" + Pretty(Status(4)) + "\n]\n";
        var file = await IngestTextAsync("docs.json", text);

        Assert.Equal(IngestFormat.Mastodon, file.Format);
        Assert.Equal(4, file.Posts.Taken);
        Assert.Empty(Rejections);
    }

    [Fact]
    public async Task An_x_response_page_after_a_response_object_is_read()
    {
        var first = $$$"""{"data":[{{{XTweet("1")}}}],"includes":{"users":[{{{XUser("u1")}}}]},"meta":{"result_count":1}}""";
        var page = $$"""[{"data":[{{XTweet("2")}},{{XTweet("3")}}]},{"data":[{{XTweet("4")}}]}]""";
        var file = await IngestTextAsync("responses.json", first + "\n" + page + "\n");

        Assert.Equal(IngestFormat.XV2, file.Format);
        Assert.Equal(["1", "2", "3", "4"], (await PostsAsync()).Keys.Order());
        Assert.Empty(Rejections);
    }

    [Fact]
    public async Task Twarc2_flattened_tweets_are_read_with_their_inlined_authors_and_referenced_tweets()
    {
        var twarc = ""","__twarc":{"url":"https://api.twitter.com/2/tweets/search/all?query=x","version":"2.14.0","retrieved_at":"2023-05-01T00:00:00+00:00"}""";
        var author = $$""","author":{{XUser("u10")}}""";
        var original = XTweet("20", "the original words #tag", $$""","author":{{XUser("u20")}},"entities":{"hashtags":[{"start":19,"end":23,"tag":"tag"}]}""");
        var retweet = XTweet("10", "RT @nameu20: the original wo…", $$"""{{author}},"referenced_tweets":[{"type":"retweeted",{{original[1..]}}],"entities":{"mentions":[{"start":3,"end":11,"username":"nameu20","id":"u20"}]}{{twarc}}""");
        var reply = XTweet("11", "@nameu20 yes", $$""","author_id":"u10","in_reply_to_user_id":"u20","in_reply_to_user":{{XUser("u20")}},"referenced_tweets":[{"type":"replied_to","id":"20"}]{{twarc}}""")
            .Replace("\"author_id\":\"u11\",", "");
        var plain = XTweet("12", "a tweet on its own");

        var file = await IngestTextAsync("flat.jsonl", string.Join("\n", retweet, reply, plain) + "\n");

        Assert.Equal(IngestFormat.XV2, file.Format);
        Assert.Empty(Rejections);
        var posts = await PostsAsync();
        Assert.Equal(["10", "11", "12", "20"], posts.Keys.Order());
        Assert.Equal(("", "20"), (posts["10"].Text, posts["10"].RepostOfId));
        Assert.Equal("the original words #tag", posts["20"].Text);
        Assert.Equal(["tag"], posts["20"].Hashtags);
        Assert.Equal("20", posts["11"].ReplyToId);
        Assert.Equal(["u10", "u20"], (await Store.ReadAccountsAsync().ToListAsync()).Select(a => a.Id).Order());
        Assert.Contains((await Store.ReadInteractionsAsync().ToListAsync()), i => i is { Kind: InteractionKind.Repost, AccountId: "u10", PostId: "20" });
        Assert.Contains((await Store.ReadInteractionsAsync().ToListAsync()), i => i is { Kind: InteractionKind.Reply, AccountId: "u10", PostId: "20" });
        Assert.True(file.Duplicates > 0, "u20 comes twice and u10 twice: the second copies are duplicates");
    }

    [Fact]
    public async Task Long_x_posts_are_read_from_note_tweet_with_its_entities()
    {
        var full = string.Concat(Enumerable.Repeat("words that go on ", 30)) + "#longread";
        var tweet = XTweet("1", full[..280], $$$""","note_tweet":{"text":"{{{full}}}","entities":{"hashtags":[{"start":510,"end":519,"tag":"longread"}]}}""");
        await IngestTextAsync("long.json", $$"""{"data":[{{tweet}}]}""");

        var post = Assert.Single((await Store.ReadPostsAsync().ToListAsync()));
        Assert.Equal(full, post.Text);
        Assert.Equal(["longread"], post.Hashtags);
    }

    [Fact]
    public async Task X_objects_that_are_not_tweets_are_read_as_users_or_set_aside_with_what_they_are()
    {
        var users = $$"""{"data":[{{XUser("u1")}},{{XUser("u2")}}]}""";
        var lists = """{"data":[{"id":"84839422","name":"Official accounts"}],"meta":{"result_count":1}}""";
        var empty = """{"meta":{"result_count":0}}""";
        var file = await IngestTextAsync("users.jsonl", string.Join("\n", users, lists, empty) + "\n", IngestFormat.XV2);

        Assert.Equal(2, file.Accounts.Taken);
        var rejection = Assert.Single(Rejections);
        Assert.Equal(2, rejection.Line);
        Assert.Contains("neither a tweet", rejection.Reason);
        Assert.DoesNotContain("author_id", rejection.Reason);
        Assert.Equal(1, file.Ignored);
    }

    [Fact]
    public async Task A_response_larger_than_the_record_limit_is_read_whole()
    {
        var expansions = string.Concat(Enumerable.Repeat("x", 2500));
        var tweets = Enumerable.Range(1, 500).Select(i => XTweet($"{i}", "a fairly ordinary tweet", $$""","context_annotations":[{"note":"{{expansions}}"}]"""));
        var response = $$$"""{"data":[{{{string.Join(",", tweets)}}}],"includes":{"users":[{{{XUser("u1")}}}]}}""";
        Assert.True(Encoding.UTF8.GetByteCount(response) > 1 << 20);

        var file = await IngestTextAsync("big.json", response, IngestFormat.XV2);

        Assert.Equal(500, file.Posts.Taken);
        Assert.Empty(Rejections);
    }

    [Fact]
    public async Task A_jetstream_link_facet_and_card_with_the_same_url_store_it_once()
    {
        var record = """{"$type":"app.bsky.feed.post","text":"read this example.org/a","createdAt":"2026-03-01T12:00:00.000Z","facets":[{"index":{"byteStart":10,"byteEnd":23},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://example.org/a"}]}],"embed":{"$type":"app.bsky.embed.external","external":{"uri":"https://example.org/a","title":"A","description":""}}}""";
        await IngestTextAsync("jet.jsonl", Jet("r1", record) + "\n");

        Assert.Equal(["https://example.org/a"], Assert.Single((await Store.ReadPostsAsync().ToListAsync())).Urls);
    }

    [Fact]
    public async Task Jetstream_files_in_the_schema_before_october_2024_are_read()
    {
        var post = """{"$type":"app.bsky.feed.post","text":"old times","createdAt":"2024-09-01T12:00:00.000Z"}""";
        var like = """{"$type":"app.bsky.feed.like","subject":{"cid":"bafy","uri":"at://did:plc:bob/app.bsky.feed.post/p9"},"createdAt":"2024-09-01T12:01:00.000Z"}""";
        var lines = new[]
        {
            Jet("r1", post, "\"type\":\"com\"", "\"type\":\"c\""),
            Jet("r2", like, "\"type\":\"com\"", "\"type\":\"c\"", "app.bsky.feed.like"),
            Jet("r1", post, "\"type\":\"com\"", "\"type\":\"d\""),
            """{"did":"did:plc:alice","time_us":1725192000000000,"type":"id","identity":{"did":"did:plc:alice","handle":"alice.bsky.social"}}""",
        };
        var file = await IngestTextAsync("old.jsonl", string.Join("\n", lines) + "\n");

        Assert.Equal(IngestFormat.Jetstream, file.Format);
        Assert.Equal("old times", Assert.Single((await Store.ReadPostsAsync().ToListAsync())).Text);
        Assert.Single((await Store.ReadInteractionsAsync().ToListAsync()), i => i.Kind == InteractionKind.Like);
        Assert.Equal(2, file.Ignored);
        Assert.Empty(Rejections);
    }

    [Fact]
    public async Task Mastodon_content_warnings_are_kept_as_the_texts_first_paragraph()
    {
        var status = Status(1, "<p>the post itself</p>").Replace("\"spoiler_text\":\"\"", "\"spoiler_text\":\"politics, long\"");
        await IngestTextAsync("cw.json", status + "\n" + Status(2, "") .Replace("\"spoiler_text\":\"\"", "\"spoiler_text\":\"only a warning\"") + "\n");

        var posts = await PostsAsync();
        Assert.Equal("politics, long\n\nthe post itself", posts["1"].Text);
        Assert.Equal("only a warning", posts["2"].Text);
    }

    [Fact]
    public async Task Mastodon_quote_fallback_paragraph_is_not_text_or_url_and_the_quote_is_linked()
    {
        const string Content = """<p class="quote-inline">RE: <a href="https://other.example/@carol/115001">other.example/@carol/115001</a></p><p>So true, see <a href="https://example.org/b">example.org/b</a></p>""";
        var quoted = Status(5, "<p>the quoted words</p>");
        await IngestTextAsync("quote.json", Status(1, Content, $$""","quote":{"state":"accepted","quoted_status":{{quoted}}}""") + "\n" +
                                 Status(2, "<p>shallow</p>", ""","quote":{"state":"accepted","quoted_status_id":"115001"}""") + "\n");

        var posts = await PostsAsync();
        Assert.Equal("So true, see example.org/b", posts["1"].Text);
        Assert.Equal(["https://example.org/b"], posts["1"].Urls);
        Assert.Equal("5", posts["1"].QuoteOfId);
        Assert.Equal("the quoted words", posts["5"].Text);
        Assert.Equal("115001", posts["2"].QuoteOfId);
        Assert.Contains((await Store.ReadInteractionsAsync().ToListAsync()), i => i is { Kind: InteractionKind.Quote, PostId: "5" });
    }

    [Fact]
    public async Task A_repost_is_the_same_on_every_platform_no_text_or_urls_of_its_own_and_a_link_to_what_it_reposts()
    {
        var xRetweet = $$"""{"data":[{{XTweet("10", "RT @nameu20: look https://t.co/x", ""","referenced_tweets":[{"type":"retweeted","id":"20"}],"entities":{"urls":[{"url":"https://t.co/x","expanded_url":"https://example.org/x"}]}""")}}]}""";
        var boost = Status(30, "<p>RT <a href=\"https://example.org/y\">example.org/y</a></p>", $$""","reblog":{{Status(31, "<p>original <a href=\"https://example.org/y\">y</a></p>")}}""")
            .Replace("\"reblog\":null,", "");
        var repost = Jet("r40", """{"$type":"app.bsky.feed.repost","subject":{"cid":"bafy","uri":"at://did:plc:bob/app.bsky.feed.post/p41"},"createdAt":"2026-03-01T12:00:00.000Z"}""",
            collection: "app.bsky.feed.repost");
        await IngestTextAsync("x.json", xRetweet);
        await IngestTextAsync("m.json", boost);
        await IngestTextAsync("j.jsonl", repost);

        var posts = await PostsAsync();
        var reposts = new[] { posts["10"], posts["30"], posts["at://did:plc:alice/app.bsky.feed.repost/r40"] };
        Assert.Equal(["20", "31", "at://did:plc:bob/app.bsky.feed.post/p41"], reposts.Select(p => p.RepostOfId));
        Assert.All(reposts, p => Assert.Equal(("", 0, 0, 0), (p.Text, p.Urls.Count, p.Hashtags.Count, p.Mentions.Count)));
        Assert.Equal(["https://example.org/y"], posts["31"].Urls);
        Assert.Equal(3, (await Store.ReadInteractionsAsync().ToListAsync()).Count(i => i.Kind == InteractionKind.Repost));
    }

    [Theory]
    [InlineData("vigil.jsonl")]
    [InlineData("posts.csv")]
    [InlineData("x-v2.json")]
    [InlineData("x-v2-lines.jsonl")]
    [InlineData("jetstream.jsonl")]
    [InlineData("mastodon.json")]
    public async Task Every_importer_accounts_for_everything_it_read(string fixture)
    {
        var columns = fixture.EndsWith(".csv", StringComparison.Ordinal) ? CsvIngestTests.Map : null;
        var first = Assert.Single((await IngestAsync(Fixture(fixture), columns: columns)).Files);
        Assert.True(first.IsBalanced);
        Assert.True(first.Read > 0);
        var again = Assert.Single((await IngestAsync(Fixture(fixture), columns: columns)).Files);
        Assert.True(again.IsBalanced);
        Assert.Equal((0L, first.Read), (again.Taken, again.Read));
    }
}
