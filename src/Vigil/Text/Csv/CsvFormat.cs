namespace Vigil.Text.Csv;

/// <summary>RFC 4180 quoting for every CSV Vigil writes, so that what one command writes the <see cref="CsvReader"/> reads back.</summary>
public static class CsvFormat
{
    /// <summary>The cell as written in CSV: quoted (inner quotes doubled) only when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Writes one row, cells quoted as needed, ended by <c>\n</c>.</summary>
    public static void WriteRow(TextWriter writer, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Quote(cells[i]));
        }
        writer.Write('\n');
    }
}
