using System.Text;

namespace Vigil.Measurement;

/// <summary>A malformed labels or task file: says which file and which line.</summary>
public sealed class LabelsFormatException(string source, int line, string message)
    : Exception($"{source}:{line}: {message}")
{
    public string FileName { get; } = source;
    public int Line { get; } = line;
}

/// <summary>
/// The small RFC 4180 subset the labelling files need: comma-separated, double-quoted fields that may hold commas,
/// quotes and line breaks (post text does). Records carry the line they started on, for error messages.
/// </summary>
internal static class LabelsCsv
{
    public readonly record struct Record(int Line, string[] Fields);

    public static IEnumerable<Record> Read(TextReader reader, string source)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { field.Append('"'); reader.Read(); }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append((char)c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case '"':
                    throw new LabelsFormatException(source, line, "a quote inside an unquoted field; quote the whole field and double the quote.");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    if (fields.Count > 1 || fields[0].Length > 0) yield return new Record(recordLine, [.. fields]);
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append((char)c);
                    fieldStarted = true;
                    break;
            }
        }
        if (quoted) throw new LabelsFormatException(source, recordLine, "a quoted field is not closed before the end of the file.");
        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new Record(recordLine, [.. fields]);
        }
    }

    public static void WriteRow(TextWriter writer, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Quote(cells[i]));
        }
        writer.Write('\n');
    }

    public static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Column positions by header name (case-insensitive); throws naming the missing column.</summary>
    public static int Column(Record header, string name, string source)
    {
        for (var i = 0; i < header.Fields.Length; i++)
            if (string.Equals(header.Fields[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new LabelsFormatException(source, header.Line, $"no '{name}' column in the header.");
    }
}
