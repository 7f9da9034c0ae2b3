using Vigil.Ingest;

namespace Vigil.Tests.Ingest;

public sealed class RecordScannerTests
{
    [Theory]
    [InlineData("vigil.jsonl", nameof(ScanMode.Lines))]
    [InlineData("posts.csv", nameof(ScanMode.Csv))]
    [InlineData("x-v2.json", nameof(ScanMode.JsonValues))]
    [InlineData("x-v2-lines.jsonl", nameof(ScanMode.JsonValues))]
    [InlineData("mastodon.json", nameof(ScanMode.JsonValues))]
    public void Records_and_their_lines_do_not_depend_on_how_the_stream_delivers_bytes(string fixture, string modeName)
    {
        var mode = Enum.Parse<ScanMode>(modeName);
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Ingest", "Fixtures", fixture));

        var whole = Scan(new MemoryStream(bytes), mode);
        var trickled = Scan(new TrickleStream(bytes, seed: 7), mode);

        Assert.NotEmpty(whole);
        Assert.Equal(whole, trickled);
    }

    [Fact]
    public void A_pretty_printed_array_yields_each_element_with_the_line_it_starts_on()
    {
        var text = "\uFEFF[\n  {\"a\": \"x]}\\\"\",\n   \"b\": [1, {\"c\": 2}]},\n\n  {\"d\": 3}\n]\n";

        var records = Scan(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), ScanMode.JsonValues);

        Assert.Equal([(2L, "{\"a\": \"x]}\\\"\",\n   \"b\": [1, {\"c\": 2}]}"), (5L, "{\"d\": 3}")], records);
    }

    private static List<(long Line, string Text)> Scan(Stream stream, ScanMode mode)
    {
        var records = new List<(long, string)>();
        using var scanner = new RecordScanner(stream, mode, maxRecordBytes: 1 << 20);
        while (scanner.TryRead(out var record, out var line, out _))
            records.Add((line, System.Text.Encoding.UTF8.GetString(record)));
        return records;
    }

    /// <summary>Hands out a few bytes per read, so that records straddle every possible buffer boundary.</summary>
    private sealed class TrickleStream(byte[] bytes, int seed) : MemoryStream(bytes)
    {
        private readonly Random _random = new(seed);

        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, Math.Min(count, _random.Next(1, 6)));
    }
}
