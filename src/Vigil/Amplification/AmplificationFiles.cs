using Vigil.Text.Csv;

namespace Vigil.Amplification;

/// <summary>
/// Plain CSV files for what amplification takes from other stages and what it gives back. Inputs:
/// <c>cluster_id,account_id</c> (one row per member) and <c>post_id,hateful,antisemitic</c> (<c>true/false</c> or
/// <c>1/0</c>), each with that header. Bad rows are set aside as <c>source:line: reason</c>; the rest is read.
/// </summary>
public static class AmplificationFiles
{
    public static IReadOnlyList<IReadOnlySet<string>> ReadClusters(TextReader reader, string source, List<string> setAside)
    {
        var clusters = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        ReadRows(reader, source, "cluster_id,account_id", 2, setAside, fields =>
        {
            if (fields[0].Length == 0 || fields[1].Length == 0) throw new FormatException("empty cluster or account id");
            if (!clusters.TryGetValue(fields[0], out var members)) clusters[fields[0]] = members = new HashSet<string>(StringComparer.Ordinal);
            members.Add(fields[1]);
        });
        return clusters.Values.ToArray();
    }

    public static IReadOnlyDictionary<string, PostFlags> ReadFlags(TextReader reader, string source, List<string> setAside)
    {
        var flags = new Dictionary<string, PostFlags>(StringComparer.Ordinal);
        ReadRows(reader, source, "post_id,hateful,antisemitic", 3, setAside, fields =>
        {
            if (fields[0].Length == 0) throw new FormatException("empty post id");
            flags[fields[0]] = new PostFlags(Flag(fields[1], "hateful"), Flag(fields[2], "antisemitic"));
        });
        return flags;
    }

    public static void WritePosts(TextWriter writer, IEnumerable<PostAmplification> rows) =>
        WriteCsv(writer, AmplificationTable.PostColumns, rows.Select(AmplificationTable.Row));

    public static void WriteWeeks(TextWriter writer, IEnumerable<WeeklyAmplification> rows) =>
        WriteCsv(writer, AmplificationTable.WeekColumns, rows.Select(AmplificationTable.Row));

    private static void WriteCsv(TextWriter writer, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        writer.WriteLine(string.Join(',', columns));
        foreach (var row in rows) writer.WriteLine(string.Join(',', row.Select(CsvFormat.Quote)));
    }

    private static bool Flag(string text, string name) => text switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new FormatException($"'{name}' must be true/false or 1/0, not '{text}'"),
    };

    private static void ReadRows(TextReader reader, string source, string header, int columns, List<string> setAside,
        Action<string[]> row)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                if (line.TrimStart('\uFEFF').Trim() != header)
                    throw new FormatException($"{source}:1: expected the header '{header}'");
                continue;
            }
            if (line.Length == 0) continue;
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            try
            {
                if (fields.Length != columns) throw new FormatException($"expected {columns} fields, found {fields.Length}");
                row(fields);
            }
            catch (FormatException e)
            {
                setAside.Add($"{source}:{lineNumber}: {e.Message}");
            }
        }
    }
}
