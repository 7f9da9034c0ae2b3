using Vigil.Text;

namespace Vigil.Tests.Text;

public class OffsetWriterTests
{
    [Theory]
    [InlineData("HeLLo42", 16)]
    [InlineData("HeLLo42", 4)] // does not fit: cut where one-by-one writes would stop
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz", 40)]
    public void Bulk_lower_case_write_matches_writing_char_by_char(string run, int capacity)
    {
        var (bulkText, bulkOffsets, bulkFull) = WriteAfterPrefix(capacity, (ref OffsetWriter w) => w.WriteLowerAscii(run, 10));
        var (oneText, oneOffsets, oneFull) = WriteAfterPrefix(capacity, (ref OffsetWriter w) =>
        {
            for (var k = 0; k < run.Length; k++) w.Write(char.ToLowerInvariant(run[k]), 10 + k);
        });
        Assert.Equal(oneText, bulkText);
        Assert.Equal(oneOffsets, bulkOffsets);
        Assert.Equal(oneFull, bulkFull);
    }

    private delegate void WriteRun(ref OffsetWriter writer);

    private static (string Text, int[] Offsets, bool Full) WriteAfterPrefix(int capacity, WriteRun write)
    {
        var chars = new char[capacity];
        var offsets = new int[capacity];
        var writer = new OffsetWriter(chars, offsets);
        writer.Write('x', 0);
        write(ref writer);
        writer.Write('!', 99); // after a cut, later writes must not land
        return (new string(chars, 0, writer.Length), offsets[..writer.Length], writer.IsFull);
    }
}
