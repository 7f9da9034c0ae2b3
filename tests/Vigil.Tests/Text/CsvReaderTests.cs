using Vigil.Text.Csv;

namespace Vigil.Tests.Text;

public sealed class CsvReaderTests
{
    private static List<(int Line, string? Error, string[] Fields)> ReadAll(string csv)
    {
        var reader = new CsvReader(new StringReader(csv), "t.csv");
        var fields = new List<string>();
        var rows = new List<(int, string?, string[])>();
        while (reader.TryRead(fields, out var line, out var error)) rows.Add((line, error, fields.ToArray()));
        return rows;
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_newlines()
    {
        var rows = ReadAll("a,b\n1,\"x, \"\"y\"\"\nz\"\n2,w\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["1", "x, \"y\"\nz"], rows[1].Fields);
        Assert.Equal(4, rows[2].Line);
        Assert.Equal(["2", "w"], rows[2].Fields);
    }

    [Fact]
    public void Broken_rows_are_reported_with_their_line_and_reading_goes_on()
    {
        var rows = ReadAll("a,b\n1,ok\n2,bro\"ken\n3,\"unterminated\n4,fine\n");
        Assert.Equal((3, "stray quote inside an unquoted field"), (rows[2].Line, rows[2].Error));
        // The open quote on line 4 must not swallow line 5: the reader resynchronises after the broken line.
        Assert.Equal(4, rows[3].Line);
        Assert.NotNull(rows[3].Error);
        Assert.Equal(5, rows[4].Line);
        Assert.Equal(["4", "fine"], rows[4].Fields);
    }

    [Fact]
    public void A_byte_order_mark_left_in_the_text_is_not_part_of_the_first_field()
    {
        var rows = ReadAll("\uFEFFid,text\n1,x\n");
        Assert.Equal(["id", "text"], rows[0].Fields);
    }
}
