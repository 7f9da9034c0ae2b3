using System.Globalization;
using System.Text;
using Vigil.Model;

namespace Vigil.Detection.Functional;

/// <summary>
/// A hand-written functional test suite for text assessors, in the manner of HateCheck: cases grouped by functionality
/// (what the detector must get right, e.g. "negated trope"), each with the verdict a correct detector gives.
/// </summary>
/// <remarks>
/// File format: UTF-8 TSV with the header <c>id functionality text expect_antisemitic expect_hateful code explicitness
/// note</c>; lines starting with <c>#</c> are comments. <c>code</c> (a kebab-case <see cref="ContentCode"/>) may be
/// empty; <c>explicitness</c> is a kebab-case <see cref="Explicitness"/>. In <c>text</c>, <c>\uXXXX</c> stands for one
/// UTF-16 unit so that invisible characters (zero-width joiners, soft hyphens) stay reviewable in the file.
/// A bad row stops the load: a silently skipped case would quietly shrink what the suite covers.
/// </remarks>
public sealed class FunctionalSuite
{
    private static readonly string[] Header =
        ["id", "functionality", "text", "expect_antisemitic", "expect_hateful", "code", "explicitness", "note"];

    private FunctionalSuite(IReadOnlyList<FunctionalCase> cases) => Cases = cases;

    public IReadOnlyList<FunctionalCase> Cases { get; }

    /// <summary>Loads one TSV file, or every <c>*.tsv</c> in a directory (in ordinal name order).</summary>
    /// <exception cref="FormatException">Any bad row; the message lists every one as <c>file:line: problem</c>.</exception>
    public static FunctionalSuite Load(string path)
    {
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*.tsv");
            Array.Sort(files, StringComparer.Ordinal);
            if (files.Length == 0) throw new FileNotFoundException($"No *.tsv case files in '{path}'.", path);
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new FileNotFoundException($"Functional suite '{path}' does not exist.", path);
        }

        var readers = new List<(TextReader, string)>(files.Length);
        try
        {
            foreach (var file in files) readers.Add((new StreamReader(file, Encoding.UTF8), file));
            return Parse(readers);
        }
        finally
        {
            foreach (var (reader, _) in readers) reader.Dispose();
        }
    }

    /// <summary>Parses case files already open; <c>source</c> names each in error messages.</summary>
    internal static FunctionalSuite Parse(IEnumerable<(TextReader Reader, string Source)> files)
    {
        var cases = new List<FunctionalCase>();
        var errors = new List<string>();
        var idSources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (reader, source) in files)
            ParseFile(reader, source, cases, errors, idSources);
        if (errors.Count > 0)
            throw new FormatException($"{errors.Count} bad row(s) in the functional suite:\n{string.Join('\n', errors)}");
        return new FunctionalSuite(cases);
    }

    /// <summary>Runs every case through <paramref name="assessor"/> and tallies passes per functionality.</summary>
    /// <remarks>A case passes when both verdicts match; the code is tallied separately (see <see cref="FunctionalCase"/>).</remarks>
    public FunctionalReport Run(ITextAssessor assessor)
    {
        var order = new List<string>();
        var tallies = new Dictionary<string, FunctionalityResult>(StringComparer.Ordinal);
        var mustFlag = new FunctionalityResult(FunctionalReport.MustFlagName, 0, 0, 0, 0);
        var mustNotFlag = new FunctionalityResult(FunctionalReport.MustNotFlagName, 0, 0, 0, 0);
        var failures = new List<FunctionalFailure>();
        var modelVersion = "";
        foreach (var c in Cases)
        {
            var assessment = assessor.Assess(c.Id, c.Text);
            modelVersion = assessment.ModelVersion;
            var passed = assessment.Antisemitic == c.ExpectAntisemitic && assessment.Hateful == c.ExpectHateful;
            var codeMatched = c.Code is { } code && assessment.Label.Code == code;
            if (!passed) failures.Add(new FunctionalFailure(c, assessment.Antisemitic, assessment.Hateful, assessment.Label.Code));

            if (!tallies.TryGetValue(c.Functionality, out var tally))
            {
                order.Add(c.Functionality);
                tally = new FunctionalityResult(c.Functionality, 0, 0, 0, 0);
            }
            tallies[c.Functionality] = tally.Add(passed, c.Code is not null, codeMatched);
            if (c.ExpectHateful) mustFlag = mustFlag.Add(passed, c.Code is not null, codeMatched);
            else mustNotFlag = mustNotFlag.Add(passed, c.Code is not null, codeMatched);
        }

        var results = new List<FunctionalityResult>(order.Count);
        foreach (var name in order) results.Add(tallies[name]);
        return new FunctionalReport(modelVersion, results, mustFlag, mustNotFlag, failures);
    }

    private static void ParseFile(TextReader reader, string source, List<FunctionalCase> cases, List<string> errors,
                                  Dictionary<string, string> idSources)
    {
        var lineNumber = 0;
        var sawHeader = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#') continue;
            var where = $"{source}:{lineNumber}";
            var cells = line.Split('\t');
            if (!sawHeader)
            {
                sawHeader = true;
                if (!cells.AsSpan().SequenceEqual(Header))
                {
                    errors.Add($"{where}: expected the header '{string.Join("\\t", Header)}'.");
                    return;
                }
                continue;
            }

            if (TryParseRow(cells, where, out var parsed, out var problem))
            {
                if (idSources.TryAdd(parsed.Id, where)) cases.Add(parsed);
                else errors.Add($"{where}: id '{parsed.Id}' is already used at {idSources[parsed.Id]}.");
            }
            else
            {
                errors.Add($"{where}: {problem}");
            }
        }
        if (!sawHeader) errors.Add($"{source}: empty file, expected a header line.");
    }

    private static bool TryParseRow(string[] cells, string where, out FunctionalCase parsed, out string problem)
    {
        parsed = null!;
        if (cells.Length != Header.Length)
        {
            problem = $"expected {Header.Length} tab-separated columns, found {cells.Length}.";
            return false;
        }
        if (cells[0].Length == 0 || cells[1].Length == 0)
        {
            problem = "id and functionality must not be empty.";
            return false;
        }
        if (!TryUnescape(cells[2], out var text, out problem)) return false;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "text must not be empty.";
            return false;
        }
        if (!TryParseBool(cells[3], "expect_antisemitic", out var antisemitic, out problem) ||
            !TryParseBool(cells[4], "expect_hateful", out var hateful, out problem))
            return false;
        if (antisemitic && !hateful)
        {
            // Antisemitism is a kind of hate (ContentLabel.IsHateful), so this pair can only be a typo.
            problem = "expect_antisemitic is true but expect_hateful is false.";
            return false;
        }

        ContentCode? code = null;
        if (cells[5].Length > 0)
        {
            if (!Kebab.TryParse<ContentCode>(cells[5], out var parsedCode))
            {
                problem = $"'{cells[5]}' is not a known content code.";
                return false;
            }
            code = parsedCode;
        }
        if (!Kebab.TryParse<Explicitness>(cells[6], out var explicitness))
        {
            problem = $"'{cells[6]}' is not a known explicitness.";
            return false;
        }

        parsed = new FunctionalCase(cells[0], cells[1], text, antisemitic, hateful, code, explicitness, cells[7], where);
        problem = "";
        return true;
    }

    private static bool TryParseBool(string cell, string column, out bool value, out string problem)
    {
        problem = "";
        switch (cell)
        {
            case "true": value = true; return true;
            case "false": value = false; return true;
            default:
                value = false;
                problem = $"{column} must be 'true' or 'false', found '{cell}'.";
                return false;
        }
    }

    private static bool TryUnescape(string cell, out string text, out string problem)
    {
        problem = "";
        var escape = cell.IndexOf("\\u", StringComparison.Ordinal);
        if (escape < 0)
        {
            text = cell;
            return true;
        }

        var builder = new StringBuilder(cell.Length);
        var copied = 0;
        while (escape >= 0)
        {
            builder.Append(cell, copied, escape - copied);
            if (escape + 6 > cell.Length ||
                !ushort.TryParse(cell.AsSpan(escape + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                text = "";
                problem = $"'\\u' at column {escape + 1} of the text must be followed by 4 hex digits.";
                return false;
            }
            builder.Append((char)unit);
            copied = escape + 6;
            escape = cell.IndexOf("\\u", copied, StringComparison.Ordinal);
        }
        builder.Append(cell, copied, cell.Length - copied);
        text = builder.ToString();
        return true;
    }
}
