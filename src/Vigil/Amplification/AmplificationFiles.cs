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
        CsvFormat.WriteRow(writer, columns);
        foreach (var row in rows) CsvFormat.WriteRow(writer, row);
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
        var csv = new CsvReader(reader, source);
        var fields = new List<string>(columns);
        if (!csv.TryRead(fields, out var headerLine, out var headerError)) return;
        if (headerError is not null || string.Join(',', fields.Select(f => f.Trim())) != header)
            throw new FormatException(csv.At(headerLine, $"expected the header '{header}'"));
        while (csv.TryRead(fields, out var line, out var error))
        {
            try
            {
                if (error is not null) throw new FormatException(error);
                if (fields.Count != columns) throw new FormatException($"expected {columns} fields, found {fields.Count}");
                row([.. fields.Select(f => f.Trim())]);
            }
            catch (FormatException e)
            {
                setAside.Add(csv.At(line, e.Message));
            }
        }
    }
}
