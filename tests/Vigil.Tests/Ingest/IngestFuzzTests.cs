using System.Text;
using CsCheck;
using Vigil.Ingest;
using Vigil.Text;

namespace Vigil.Tests.Ingest;

/// <summary>
/// Property tests over damaged input (<see cref="RecordMutations"/>): whatever the bytes, every reader ends normally,
/// accounts for everything it read and names the file and line of everything it sets aside. The corpus run with
/// 100,000 records per format and 10 MB lines is bench/fuzz (docs/BENCHMARKS.md); these run in seconds.
/// </summary>
public sealed class IngestFuzzTests : IngestTestBase
{
    private const int Iterations = 150;

    [Theory]
    [InlineData(IngestFormat.Vigil)]
    [InlineData(IngestFormat.Csv)]
    [InlineData(IngestFormat.XV2)]
    [InlineData(IngestFormat.Jetstream)]
    [InlineData(IngestFormat.Mastodon)]
    public async Task Any_damaged_file_is_read_to_the_end_with_everything_accounted_for(IngestFormat format)
    {
        var path = TempFile("fuzz");
        await RecordMutations.File(format, longStringBytes: 100_000, nestingDepth: 10_000).SampleAsync(async bytes =>
        {
            await System.IO.File.WriteAllBytesAsync(path, bytes);
            Rejections.Clear();
            var file = Assert.Single((await IngestAsync(path, format)).Files);

            Assert.True(file.IsBalanced, $"read {file.Read} != {file.Taken} + {file.Duplicates} + {file.Quarantined} + {file.Ignored}");
            Assert.True(file.Read >= file.Records, "every record gives at least one outcome");
            var lines = bytes.Count(b => b == (byte)'\n') + 1;
            Assert.Equal(file.Quarantined, Rejections.Count);
            Assert.All(Rejections, r => Assert.True(r.Source == path && r.Line >= 1 && r.Line <= lines, $"{r.Source}:{r.Line}"));
        }, iter: Iterations, threads: 1, print: bytes => Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2000)]));
    }

    [Fact]
    public void Strict_decoding_refuses_exactly_the_lines_that_are_not_utf8_and_keeps_the_others_byte_for_byte()
    {
        Gen.Byte.Array[0, 64].Array[1, 6].Sample(lines =>
        {
            var bytes = lines.SelectMany(l => l.Where(b => b != (byte)'\n').Append((byte)'\n')).ToArray();
            using var reader = Utf8Input.OpenText(new MemoryStream(bytes), "in");
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            var number = 0;
            foreach (var line in lines.Select(l => l.Where(b => b != (byte)'\n').ToArray()))
            {
                number++;
                var content = number == 1 && line.AsSpan().StartsWith("\uFEFF"u8) ? line[3..] : line;
                if (content.Length > 0 && content[^1] == (byte)'\r') content = content[..^1];
                string? expected;
                try { expected = strict.GetString(content); }
                catch (DecoderFallbackException) { expected = null; }

                if (expected is null)
                    Assert.Equal(number, Assert.Throws<InvalidUtf8Exception>(() => reader.ReadLine()).Line);
                else
                    Assert.Equal(expected, reader.ReadLine());
            }
            Assert.Null(reader.ReadLine());
        }, iter: 2000);
    }
}
