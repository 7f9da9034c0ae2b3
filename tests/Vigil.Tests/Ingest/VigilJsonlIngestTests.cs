using System.Text.Json;
using Vigil.Ingest;
using Vigil.Model;

namespace Vigil.Tests.Ingest;

public sealed class VigilJsonlIngestTests : IngestTestBase
{
    [Fact]
    public async Task Takes_good_lines_and_quarantines_each_bad_one_with_its_line_and_reason()
    {
        var summary = await IngestAsync(Fixture("vigil.jsonl"));

        var file = Assert.Single(summary.Files);
        Assert.Equal(IngestFormat.Vigil, file.Format);
        Assert.Equal(new IngestCounts(2, 0), file.Accounts);
        Assert.Equal(new IngestCounts(4, 0), file.Posts);
        Assert.Equal(new IngestCounts(2, 0), file.Interactions);
        Assert.Equal(7, file.Quarantined);
        Assert.Equal([9, 10, 11, 12, 13, 14, 15], RejectedLines());
        string[] expectedReasonWords = ["malformed JSON", "author_id", "created_at", "v=2", "poll", "UTF-8", "bookmark"];
        for (var i = 0; i < expectedReasonWords.Length; i++) Assert.Contains(expectedReasonWords[i], Rejections[i].Reason);
        Assert.All(Rejections, r => Assert.Equal(Fixture("vigil.jsonl"), r.Source));
    }

    [Fact]
    public async Task Fields_are_read_whatever_their_order_and_times_become_utc()
    {
        await IngestAsync(Fixture("vigil.jsonl"));

        var posts = (await Store.ReadPostsAsync().ToListAsync()).ToDictionary(p => p.Id);
        Assert.Equal(["p1", "p2", "p3", "p4"], posts.Keys.Order());
        Assert.Equal("u2", posts["p2"].AuthorId);
        Assert.Equal("p1", posts["p2"].RepostOfId);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), posts["p3"].CreatedAt);
        Assert.Equal(["alice"], posts["p3"].Mentions);
        Assert.Equal("Tea at four, as always \u2615 #tea", posts["p1"].Text);
        Assert.Equal("last good line, windows ending", posts["p4"].Text);
        var bot = (await Store.ReadAccountsAsync().ToListAsync()).Single(a => a.Id == "u2");
        Assert.True(bot.PaidTier);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), bot.SuspendedAt);
        Assert.Equal(400, (await Store.ReadInteractionsAsync().ToListAsync()).Single(i => i.Kind == InteractionKind.View).Count);
    }

    [Fact]
    public async Task Quarantine_file_beside_the_database_holds_one_json_line_per_rejection()
    {
        await IngestAsync(Fixture("vigil.jsonl"));

        var lines = File.ReadAllLines(QuarantinePath);
        Assert.Equal(7, lines.Length);
        using var invalidUtf8 = JsonDocument.Parse(lines[5]);
        var root = invalidUtf8.RootElement;
        Assert.Equal(Fixture("vigil.jsonl"), root.GetProperty("source").GetString());
        Assert.Equal(14, root.GetProperty("line").GetInt64());
        Assert.StartsWith("invalid UTF-8 at byte", root.GetProperty("reason").GetString());
        Assert.Contains("caf\uFFFD", root.GetProperty("raw").GetString());
    }

    [Fact]
    public async Task Ingesting_the_same_file_again_adds_nothing()
    {
        var first = await IngestAsync(Fixture("vigil.jsonl"));
        var statsAfterFirst = await Store.GetStatsAsync();

        var second = await IngestAsync(Fixture("vigil.jsonl"));

        Assert.Equal(8, first.Taken);
        Assert.Equal(0, second.Taken);
        Assert.Equal(first.Taken, second.Duplicates);
        Assert.Equal(statsAfterFirst, await Store.GetStatsAsync());
    }

    [Fact]
    public async Task What_the_writer_writes_the_reader_reads_back_unchanged()
    {
        var account = new Account
        {
            Id = "a\"1", Handle = "h", DisplayName = "D\u00e9", CreatedAt = new DateTimeOffset(2020, 1, 2, 3, 4, 5, 6, TimeSpan.Zero),
            Followers = 1, Following = 2, PostCount = 3, Listed = 4, Verified = true, Description = "line\nbreak",
            DefaultProfileImage = true, RestoredAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var post = new Post
        {
            Id = "p", AuthorId = "a\"1", CreatedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, 999, TimeSpan.Zero),
            Text = "emoji \U0001F600 and \\ backslash", Language = "en", QuoteOfId = "q", Hashtags = ["x", "y"], Urls = ["u"], Views = 9,
        };
        var interaction = new Interaction { Kind = InteractionKind.Quote, AccountId = "a\"1", PostId = "q", At = post.CreatedAt };
        var path = TempFile("round-trip.jsonl");
        using (var stream = File.Create(path))
        using (var writer = new VigilJsonl.Writer(stream))
        {
            writer.Write(account);
            writer.Write(post);
            writer.Write(interaction);
        }

        var summary = await IngestAsync(path);

        Assert.Equal(0, summary.Quarantined);
        Assert.Equal(account, (await Store.ReadAccountsAsync().ToListAsync()).Single());
        var read = (await Store.ReadPostsAsync().ToListAsync()).Single();
        Assert.Equal(post with { Hashtags = [], Urls = [] }, read with { Hashtags = [], Urls = [] });
        Assert.Equal(post.Hashtags, read.Hashtags);
        Assert.Equal(interaction, (await Store.ReadInteractionsAsync().ToListAsync()).Single());
    }

    [Fact]
    public async Task A_record_over_the_size_limit_is_quarantined_and_the_lines_after_it_keep_their_numbers()
    {
        var path = TempFile("long.jsonl");
        var longText = new string('x', 10_000);
        File.WriteAllLines(path,
        [
            """{"kind":"post","v":1,"id":"a","author_id":"u","created_at":"2026-03-01T00:00:00Z"}""",
            $$"""{"kind":"post","v":1,"id":"b","author_id":"u","created_at":"2026-03-01T00:00:00Z","text":"{{longText}}"}""",
            """{"kind":"post","v":1,"id":"c","author_id":"u","created_at":"2026-03-01T00:00:00Z"}""",
        ]);

        var summary = await IngestAsync(path, maxRecordBytes: 2_000);

        Assert.Equal(2, summary.Posts.Taken);
        var rejection = Assert.Single(Rejections);
        Assert.Equal(2, rejection.Line);
        Assert.Contains("longer than 2000 bytes", rejection.Reason);
        Assert.True(rejection.Raw.Length < longText.Length);
        Assert.Equal(["a", "c"], (await Store.ReadPostsAsync().ToListAsync()).Select(p => p.Id));
    }

    [Fact]
    public async Task Progress_is_reported_per_interval_and_ends_at_the_whole_file_for_each_file()
    {
        var reports = new List<IngestProgress>();
        var files = new[] { Fixture("vigil.jsonl"), Fixture("jetstream.jsonl") };

        await Ingestor.IngestAsync(Store, files, new IngestOptions { ProgressInterval = 4 }, new ListProgress(reports));

        var first = reports.Where(r => r.FileIndex == 0).ToList();
        Assert.Equal([4L, 8, 12, 15], first.Select(r => r.Records));
        Assert.All(reports, r => Assert.Equal(2, r.FileCount));
        Assert.All(reports, r => Assert.InRange(r.BytesRead, 0, r.BytesTotal));
        var last = reports[^1];
        Assert.Equal((1, new FileInfo(files[1]).Length, 10L), (last.FileIndex, last.BytesRead, last.Records));
    }

    private sealed class ListProgress(List<IngestProgress> reports) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => reports.Add(value);
    }

    [Fact]
    public async Task A_missing_file_stops_the_run_before_anything_is_read()
    {
        var error = await Assert.ThrowsAsync<IngestException>(() => Ingestor.IngestAsync(Store, [Fixture("vigil.jsonl"), TempFile("nope.jsonl")],
            new IngestOptions()));

        Assert.Contains("nope.jsonl", error.Message);
        Assert.Equal(0, (await Store.GetStatsAsync()).Posts);
    }
}
