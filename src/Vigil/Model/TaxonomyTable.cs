using System.Collections.Frozen;
using System.Reflection;
using System.Text;

namespace Vigil.Model;

/// <summary>
/// The versioned mapping from (content code, target) to consensus class. It is data, not code, so that a change of
/// reading (say, of Nazi comparisons) is a new table version that every stored assessment and decision can cite.
/// </summary>
public sealed class TaxonomyTable
{
    private const string AnyTarget = "*";
    private readonly FrozenDictionary<(ContentCode, Target?), ConsensusClass> _rows;

    private TaxonomyTable(string version, FrozenDictionary<(ContentCode, Target?), ConsensusClass> rows)
    {
        Version = version;
        _rows = rows;
    }

    /// <summary>e.g. <c>taxonomy-v2</c>; stored beside every assessment.</summary>
    public string Version { get; }

    /// <summary>The table in force. A new reading is a new file and version, never an edit (docs/TAXONOMY.md).</summary>
    public static TaxonomyTable Default { get; } = LoadEmbedded("consensus.v2.tsv", "taxonomy-v2");

    /// <summary>The first table, kept so that assessments and decisions citing <c>taxonomy-v1</c> can be re-derived.</summary>
    internal static TaxonomyTable Version1 { get; } = LoadEmbedded("consensus.v1.tsv", "taxonomy-v1");

    public ConsensusClass Classify(ContentCode code, Target target)
    {
        if (_rows.TryGetValue((code, target), out var specific)) return specific;
        if (_rows.TryGetValue((code, null), out var any)) return any;
        throw new InvalidOperationException($"{Version} has no row for code '{Kebab.From(code)}'.");
    }

    public ContentLabel Label(ContentCode code, Target target, Explicitness explicitness) =>
        new(target, code, Classify(code, target), explicitness);

    /// <summary>Parses a table; errors name the source and line.</summary>
    internal static TaxonomyTable Parse(TextReader reader, string source, string version)
    {
        var rows = new Dictionary<(ContentCode, Target?), ConsensusClass>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length != 3)
                throw new FormatException($"{source}:{lineNumber}: expected 3 tab-separated columns, found {cells.Length}.");
            var code = Kebab.Parse<ContentCode>(cells[0], source, lineNumber);
            Target? target = cells[1] == AnyTarget ? null : Kebab.Parse<Target>(cells[1], source, lineNumber);
            var consensus = Kebab.Parse<ConsensusClass>(cells[2], source, lineNumber);
            if (!rows.TryAdd((code, target), consensus))
                throw new FormatException($"{source}:{lineNumber}: duplicate row for '{cells[0]}' and '{cells[1]}'.");
        }

        foreach (var code in Enum.GetValues<ContentCode>())
        {
            if (!rows.ContainsKey((code, null)))
                throw new FormatException($"{source}: no '*' row for code '{Kebab.From(code)}'.");
        }

        return new TaxonomyTable(version, rows.ToFrozenDictionary());
    }

    private static TaxonomyTable LoadEmbedded(string name, string version)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Vigil.Model.{name}")
            ?? throw new InvalidOperationException($"Embedded taxonomy table '{name}' is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader, name, version);
    }
}
