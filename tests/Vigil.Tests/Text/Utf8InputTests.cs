using System.Text;
using Vigil.Text;
using Vigil.Text.Csv;

namespace Vigil.Tests.Text;

/// <summary>The one decoding helper: U+FFFD and every other scalar value pass, bytes that are not UTF-8 are refused by line.</summary>
public sealed class Utf8InputTests
{
    /// <summary>"caf\uFFFD" as UTF-8: valid text holding the replacement character itself.</summary>
    internal static readonly byte[] ReplacementCharacterLine = Encoding.UTF8.GetBytes("caf\uFFFD \U0001F600 \u05E9\u05DC\u05D5\u05DD");

    private static TextReader Open(params byte[][] lines) =>
        Utf8Input.OpenText(new MemoryStream(lines.SelectMany(l => l).ToArray()), "in.txt");

    [Fact]
    public void Replacement_characters_and_astral_scalars_pass_untouched()
    {
        using var reader = Open(ReplacementCharacterLine, "\n"u8.ToArray());
        Assert.Equal("caf\uFFFD \U0001F600 \u05E9\u05DC\u05D5\u05DD", reader.ReadLine());
        Assert.Null(reader.ReadLine());
        Assert.Null(Utf8Input.Problem(ReplacementCharacterLine));
    }

    [Fact]
    public void A_line_that_is_not_utf8_is_named_and_the_next_line_is_read()
    {
        using var reader = Open("\uFEFFfirst\r\n"u8.ToArray(), [(byte)'a', (byte)'b', 0xC3, 0x28, (byte)'\n'], "third"u8.ToArray());
        Assert.Equal("first", reader.ReadLine());
        var error = Assert.Throws<InvalidUtf8Exception>(() => reader.ReadLine());
        Assert.Equal("in.txt:2: invalid UTF-8 at byte 3 (0xC3)", error.Message);
        Assert.Equal("ab\uFFFD(", error.LineAsRead);
        Assert.Equal("third", reader.ReadLine());
        Assert.Null(reader.ReadLine());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, "invalid UTF-8 at byte 1 (0xFF)")]
    [InlineData(new byte[] { (byte)'x', 0xED, 0xA0, 0x80 }, "invalid UTF-8 at byte 2 (0xED)")]      // an encoded surrogate
    [InlineData(new byte[] { 0xC0, 0xAF }, "invalid UTF-8 at byte 1 (0xC0)")]                        // overlong '/'
    [InlineData(new byte[] { (byte)'a', (byte)'\n', (byte)'b', 0xE2, 0x82 }, "invalid UTF-8 at line +1, byte 2 (0xE2)")] // cut short
    public void Problem_says_where_the_first_bad_sequence_is(byte[] bytes, string expected) =>
        Assert.Equal(expected, Utf8Input.Problem(bytes));

    [Fact]
    public void Whole_reads_keep_line_breaks_and_name_the_bad_line()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [.. "one\r\ntwo\n"u8, .. ReplacementCharacterLine]);
            Assert.Equal("one\r\ntwo\ncaf\uFFFD \U0001F600 \u05E9\u05DC\u05D5\u05DD", Utf8Input.ReadAllText(path));
            File.WriteAllBytes(path, [.. "one\ntwo\n"u8, 0xFE]);
            Assert.Equal($"{path}:3: invalid UTF-8 at byte 1 (0xFE)", Assert.Throws<InvalidUtf8Exception>(() => Utf8Input.ReadAllText(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Csv_records_with_replacement_characters_are_read_and_bad_bytes_refuse_only_their_record()
    {
        using var reader = Open("id,text\n1,"u8.ToArray(), ReplacementCharacterLine, "\n2,\"spans\n"u8.ToArray(),
            [(byte)'l', 0xFF, (byte)'"', (byte)'\n'], "3,after\n"u8.ToArray());
        var csv = new CsvReader(reader, "in.csv");
        var fields = new List<string>();
        Assert.True(csv.TryRead(fields, out _, out var error));
        Assert.True(csv.TryRead(fields, out var line, out error));
        Assert.Null(error);
        Assert.Equal((2, "caf\uFFFD \U0001F600 \u05E9\u05DC\u05D5\u05DD"), (line, fields[1]));
        Assert.True(csv.TryRead(fields, out line, out error));
        Assert.Equal((3, "invalid UTF-8 at byte 2 (0xFF) on line 4"), (line, error));
        Assert.True(csv.TryRead(fields, out line, out error));
        Assert.Equal((5, (string?)null, "after"), (line, error, fields[1]));
        Assert.False(csv.TryRead(fields, out _, out _));
    }
}

public sealed class UnpairedSurrogateTests
{
    [Theory]
    [InlineData("""{"t":"\ud83d\ude00 and \u00e9"}""", null)]
    [InlineData("""{"t":"a\ud800"}""", "not text: an escaped unpaired surrogate at byte 8")]
    [InlineData("""{"t":"\udc00\ud83d\ude00"}""", "not text: an escaped unpaired surrogate at byte 7")]
    [InlineData("""{"t":"\\ud800 is how you write it"}""", null)]
    [InlineData("""{"t":"\ud800\u0041"}""", "not text: an escaped unpaired surrogate at byte 7")]
    public void Lone_halves_of_surrogate_pairs_are_found_and_pairs_and_escaped_backslashes_pass(string json, string? expected)
    {
        Assert.Equal(expected, UnpairedSurrogate.Problem(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(expected, UnpairedSurrogate.Problem(json));
    }
}
