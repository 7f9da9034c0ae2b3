using System.Text;
using Vigil.Ingest;

namespace Vigil.Tests.Ingest;

/// <summary>Every ingest format keeps U+FFFD in text as it is and refuses, by line, only bytes that are not UTF-8.</summary>
public sealed class Utf8IngestTests : IngestTestBase
{
    private const string Text = "caf\uFFFD \U0001F600";

    public static TheoryData<IngestFormat, string, string> Records => new()
    {
        { IngestFormat.Vigil, "", """{"kind":"post","v":1,"id":"p1","author_id":"u1","created_at":"2026-03-01T12:00:00Z","text":"TEXT"}""" },
        { IngestFormat.Csv, "id,author_id,created_at,text\n", "p1,u1,2026-03-01T12:00:00Z,TEXT" },
        { IngestFormat.XV2, "", """{"data":[{"id":"p1","author_id":"u1","created_at":"2026-03-01T12:00:00.000Z","text":"TEXT"}]}""" },
        { IngestFormat.Jetstream, "", """{"did":"did:plc:u1","time_us":1772366400000000,"kind":"commit","commit":{"rev":"3l","operation":"create","collection":"app.bsky.feed.post","rkey":"p1","record":{"$type":"app.bsky.feed.post","text":"TEXT","createdAt":"2026-03-01T12:00:00.000Z"}}}""" },
        { IngestFormat.Mastodon, "", """{"id":"p1","created_at":"2026-03-01T12:00:00.000Z","content":"<p>TEXT</p>","account":{"id":"u1","username":"ann","acct":"ann"}}""" },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public async Task Replacement_characters_are_stored_and_invalid_bytes_quarantined_by_line(IngestFormat format, string header, string record)
    {
        var path = TempFile("in");
        var good = Encoding.UTF8.GetBytes(header + record.Replace("TEXT", Text) + "\n");
        var bad = Encoding.UTF8.GetBytes(record.Replace("p1", "p2")).ToList();
        bad.Insert(bad.Count - 5, 0xFF);
        File.WriteAllBytes(path, [.. good, .. bad, (byte)'\n']);

        var summary = await IngestAsync(path, format);

        var post = Assert.Single((await Store.ReadPostsAsync().ToListAsync()));
        Assert.EndsWith("p1", post.Id);
        Assert.Equal(Text, post.Text);
        var rejection = Assert.Single(Rejections);
        Assert.Equal((path, header.Length > 0 ? 3L : 2L), (rejection.Source, rejection.Line));
        Assert.StartsWith("invalid UTF-8 at byte ", rejection.Reason);
        Assert.Contains("(0xFF)", rejection.Reason);
        Assert.Equal(1, summary.Quarantined);
    }
}
