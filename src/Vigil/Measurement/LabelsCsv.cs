using Vigil.Text.Csv;

namespace Vigil.Measurement;

/// <summary>A malformed labels or task file: says which file and which line.</summary>
public sealed class LabelsFormatException(string source, int line, string message)
    : Exception($"{source}:{line}: {message}")
{
    public string FileName { get; } = source;
    public int Line { get; } = line;
}

/// <summary>
/// The labelling files (task and labels) as CSV records: any malformed row is an error naming the file and line,
/// because a silently dropped label would bias the estimate.
/// </summary>
internal static class LabelsCsv
{
    public readonly record struct Record(int Line, string[] Fields);

    public static IEnumerable<Record> Read(TextReader reader, string source)
    {
        var csv = new CsvReader(reader, source);
        var fields = new List<string>();
        while (csv.TryRead(fields, out var line, out var error))
        {
            if (error is not null) throw new LabelsFormatException(source, line, error + ".");
            yield return new Record(line, [.. fields]);
        }
    }

    /// <summary>Column positions by header name (case-insensitive); throws naming the missing column.</summary>
    public static int Column(Record header, string name, string source)
    {
        for (var i = 0; i < header.Fields.Length; i++)
            if (string.Equals(header.Fields[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new LabelsFormatException(source, header.Line, $"no '{name}' column in the header.");
    }
}
