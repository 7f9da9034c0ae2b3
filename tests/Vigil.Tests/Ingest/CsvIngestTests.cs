using Vigil.Ingest;

namespace Vigil.Tests.Ingest;

public sealed class CsvIngestTests : IngestTestBase
{
    internal static readonly Dictionary<string, string> Map = new()
    {
        ["id"] = "tweet_id", ["author_id"] = "user_id", ["text"] = "content", ["created_at"] = "timestamp", ["hashtags"] = "tags",
    };

    [Fact]
    public async Task Mapped_columns_quoted_fields_and_times_in_three_forms_are_read()
    {
        var summary = await IngestAsync(Fixture("posts.csv"), columns: Map);

        Assert.Equal(IngestFormat.Csv, summary.Files[0].Format);
        var posts = (await Store.ReadPostsAsync().ToListAsync()).ToDictionary(p => p.Id);
        Assert.Equal(["c1", "c2", "c3"], posts.Keys.Order());
        Assert.Equal(["tea", "four"], posts["c1"].Hashtags);
        Assert.Equal("en", posts["c1"].Language);
        Assert.Equal("has a comma, and \"doubled quotes\"", posts["c2"].Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772366400), posts["c2"].CreatedAt);
        Assert.Equal("spans\ntwo lines", posts["c3"].Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1772366400123), posts["c3"].CreatedAt);
        Assert.Null(posts["c3"].Language);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), posts["c1"].CreatedAt);
    }

    [Fact]
    public async Task Bad_rows_are_quarantined_at_the_line_they_start_on()
    {
        var summary = await IngestAsync(Fixture("posts.csv"), columns: Map);

        Assert.Equal(3, summary.Quarantined);
        Assert.Equal([7, 8, 9], RejectedLines());
        Assert.Contains("expected 6 fields", Rejections[0].Reason);
        Assert.Contains("next tuesday", Rejections[1].Reason);
        Assert.Contains("unterminated", Rejections[2].Reason);
    }

    [Fact]
    public async Task A_byte_order_mark_before_the_header_does_not_hide_the_first_column()
    {
        var path = TempFile("bom.csv");
        File.WriteAllText(path, "id,author_id,created_at,text\r\nb1,u1,2026-03-01T00:00:00Z,hi\r\n", new System.Text.UTF8Encoding(true));

        var summary = await IngestAsync(path);

        Assert.Equal(IngestFormat.Csv, summary.Files[0].Format);
        Assert.Equal("b1", (await Store.ReadPostsAsync().ToListAsync()).Single().Id);
    }

    [Fact]
    public async Task A_header_without_a_required_column_stops_the_run_and_names_the_field()
    {
        var error = await Assert.ThrowsAsync<IngestException>(() => IngestAsync(Fixture("headerless.csv"), IngestFormat.Csv));

        Assert.Contains("'id'", error.Message);
        Assert.Contains("headerless.csv:1", error.Message);
    }

    [Fact]
    public async Task A_map_naming_a_column_the_header_lacks_is_an_input_error()
    {
        var error = await Assert.ThrowsAsync<IngestException>(() =>
            IngestAsync(Fixture("posts.csv"), columns: new Dictionary<string, string>(Map) { ["views"] = "impressions" }));

        Assert.Contains("impressions", error.Message);
    }
}
