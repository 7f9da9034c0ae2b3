using System.Text;
using Vigil.Ingest;

namespace Vigil.Tests.Ingest;

public sealed class VigilJsonlReaderTests
{
    private const string Lines =
        "{\"kind\":\"account\",\"v\":1,\"id\":\"a1\",\"handle\":\"alice\"}\n" +
        "\n" +
        "{\"kind\":\"post\",\"v\":1,\"id\":\"p1\",\"author_id\":\"a1\",\"created_at\":\"2026-03-01T12:00:00Z\",\"text\":\"hi\"}\n" +
        "{\"kind\":\"post\",\"v\":1,\"id\":\"p2\",\"created_at\":\"2026-03-01T12:00:00Z\"}\n" +
        "{\"kind\":\"interaction\",\"v\":1,\"type\":\"like\",\"account_id\":\"a1\",\"post_id\":\"p1\",\"at\":\"2026-03-01T12:00:01Z\"}\n";

    [Fact]
    public void Keeps_each_record_with_its_line_and_sets_aside_bad_lines_with_source_and_line()
    {
        var content = VigilJsonlReader.Read(new StringReader(Lines), "in.jsonl");

        Assert.Equal(("alice", 1L), (content.Accounts.Single().Record.Handle, content.Accounts.Single().Line));
        Assert.Equal(("p1", 3L), (content.Posts.Single().Record.Id, content.Posts.Single().Line));
        Assert.Equal(5L, content.Interactions.Single().Line);
        var rejected = Assert.Single(content.Rejected);
        Assert.Equal(("in.jsonl", 4L), (rejected.Source, rejected.Line));
        Assert.Contains("author_id", rejected.Reason);
    }

    [Fact]
    public void Bytes_read_as_ingest_reads_them_set_aside_invalid_UTF8_and_skip_a_BOM()
    {
        var bytes = new List<byte>([0xEF, 0xBB, 0xBF]);
        bytes.AddRange(Encoding.UTF8.GetBytes(Lines));
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"kind\":\"account\",\"v\":1,\"id\":\"a2\",\"handle\":\"b"));
        bytes.Add(0xFF);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n"));

        var content = VigilJsonlReader.Read(new MemoryStream(bytes.ToArray()), "in.jsonl");

        Assert.Equal(("a1", 1L), (content.Accounts.Single().Record.Id, content.Accounts.Single().Line));
        Assert.Equal([4L, 6L], content.Rejected.Select(r => r.Line));
        Assert.StartsWith("invalid UTF-8 at byte ", content.Rejected[1].Reason);
    }
}
