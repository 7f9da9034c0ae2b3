using System.Text;
using Vigil.Model;
using Vigil.Text.Csv;
using Vigil.Text;

namespace Vigil.Simulation;

/// <summary>
/// Texts drawn from a labelled CSV instead of the grammar: a header with <c>text</c> and <c>label</c> (a content code in
/// kebab-case) and optionally <c>target</c> and <c>explicitness</c>. Quoted fields may hold commas, doubled quotes and
/// line breaks. A bad row is reported with its line and skipped; the others are used.
/// </summary>
internal sealed class LabelledTextFile : ITextSource
{
    private readonly Dictionary<ContentCode, List<LabelledText>> _byCode;

    private LabelledTextFile(Dictionary<ContentCode, List<LabelledText>> byCode, IReadOnlyList<string> skipped)
    {
        _byCode = byCode;
        Skipped = skipped;
        Codes = [.. Enum.GetValues<ContentCode>().Where(byCode.ContainsKey)];
    }

    public IReadOnlyList<ContentCode> Codes { get; }

    /// <summary>One message per skipped row, each starting with <c>source:line:</c>.</summary>
    public IReadOnlyList<string> Skipped { get; }

    public LabelledText Draw(ContentCode code, SeededRandom random)
    {
        var texts = _byCode[code];
        return texts[random.Next(texts.Count)];
    }

    public static LabelledTextFile Load(string path, TaxonomyTable taxonomy)
    {
        using var reader = Utf8Input.OpenText(path);
        return Parse(reader, path, taxonomy);
    }

    public static LabelledTextFile Parse(TextReader reader, string source, TaxonomyTable taxonomy)
    {
        var csv = new CsvReader(reader, source);
        var fields = new List<string>();
        if (!csv.TryRead(fields, out var headerLine, out var headerError))
            throw new FormatException(csv.At(1, "the file is empty; expected a header with 'text' and 'label'."));
        if (headerError is not null) throw new FormatException(csv.At(headerLine, $"cannot read the header ({headerError})."));
        var header = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        var textColumn = Array.IndexOf(header, "text");
        var labelColumn = Array.IndexOf(header, "label");
        var targetColumn = Array.IndexOf(header, "target");
        var explicitnessColumn = Array.IndexOf(header, "explicitness");
        if (textColumn < 0 || labelColumn < 0)
            throw new FormatException(csv.At(headerLine, $"the header needs 'text' and 'label' columns (found: {string.Join(", ", header)})."));

        var byCode = new Dictionary<ContentCode, List<LabelledText>>();
        var skipped = new List<string>();
        while (csv.TryRead(fields, out var recordLine, out var error))
        {
            if (error is not null)
            {
                skipped.Add(csv.At(recordLine, error));
                continue;
            }
            try
            {
                var text = Field(fields, textColumn, recordLine, source);
                if (string.IsNullOrWhiteSpace(text)) throw new FormatException($"{source}:{recordLine}: empty text.");
                var code = Kebab.Parse<ContentCode>(Field(fields, labelColumn, recordLine, source).Trim(), source, recordLine);
                var target = targetColumn >= 0 && Field(fields, targetColumn, recordLine, source).Trim() is { Length: > 0 } t
                    ? Kebab.Parse<Target>(t, source, recordLine)
                    : TypicalTarget(code);
                var explicitness = explicitnessColumn >= 0 && Field(fields, explicitnessColumn, recordLine, source).Trim() is { Length: > 0 } x
                    ? Kebab.Parse<Explicitness>(x, source, recordLine)
                    : code == ContentCode.None ? Explicitness.NotApplicable : Explicitness.Explicit;
                if (!byCode.TryGetValue(code, out var list)) byCode[code] = list = [];
                list.Add(new LabelledText(text, taxonomy.Label(code, target, explicitness)));
            }
            catch (FormatException e)
            {
                skipped.Add(e.Message);
            }
        }

        var file = new LabelledTextFile(byCode, skipped);
        if (!file.Codes.Any(c => taxonomy.Label(c, TypicalTarget(c), Explicitness.Explicit).IsHateful) ||
            !file.Codes.Any(c => !taxonomy.Label(c, TypicalTarget(c), Explicitness.Explicit).IsHateful))
            throw new FormatException($"{source}: needs at least one usable hateful and one non-hateful row to simulate a platform.");
        return file;
    }

    /// <summary>The target a code is usually about, for files that do not say.</summary>
    internal static Target TypicalTarget(ContentCode code) => code switch
    {
        ContentCode.None or ContentCode.PalestinianRightsAdvocacy => Target.None,
        ContentCode.OtherGroupHate => Target.OtherProtectedGroup,
        ContentCode.ClassicTropeAppliedToIsrael or ContentCode.NaziComparison or ContentCode.DenialOfSelfDetermination
            or ContentCode.BoycottAdvocacy or ContentCode.IsraelPolicyCriticism => Target.IsraelState,
        _ => Target.JewsCollective,
    };

    private static string Field(List<string> fields, int column, int line, string source) =>
        column < fields.Count
            ? fields[column]
            : throw new FormatException($"{source}:{line}: expected at least {column + 1} columns, found {fields.Count}.");
}
