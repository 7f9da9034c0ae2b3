using System.Globalization;
using System.Text;
using Vigil.Model;

namespace Vigil.Detection.Functional;

/// <summary>How one functionality fared: pass counts, and how often the detector named the intended code.</summary>
public sealed record FunctionalityResult(string Functionality, int Cases, int Passed, int CodedCases, int CodeMatches)
{
    public double PassRate => Cases == 0 ? 0 : (double)Passed / Cases;

    internal FunctionalityResult Add(bool passed, bool coded, bool codeMatched) => this with
    {
        Cases = Cases + 1,
        Passed = Passed + (passed ? 1 : 0),
        CodedCases = CodedCases + (coded ? 1 : 0),
        CodeMatches = CodeMatches + (codeMatched ? 1 : 0),
    };
}

/// <summary>A case the assessor got wrong, with what it said instead.</summary>
public sealed record FunctionalFailure(FunctionalCase Case, bool Antisemitic, bool Hateful, ContentCode Code);

/// <summary>The outcome of running a suite: per functionality (in suite order), overall, and the failures.</summary>
/// <param name="MustFlag">All cases expected hateful (antisemitic or not): its failures are misses.</param>
/// <param name="MustNotFlag">All cases expected clean: its failures are false alarms.</param>
public sealed record FunctionalReport(
    string ModelVersion,
    IReadOnlyList<FunctionalityResult> Functionalities,
    FunctionalityResult MustFlag,
    FunctionalityResult MustNotFlag,
    IReadOnlyList<FunctionalFailure> Failures)
{
    internal const string MustFlagName = "must flag";
    internal const string MustNotFlagName = "must not flag";
    private const string SectionStart = "<!-- functional-results:start -->";
    private const string SectionEnd = "<!-- functional-results:end -->";

    public int Cases => MustFlag.Cases + MustNotFlag.Cases;
    public int Passed => MustFlag.Passed + MustNotFlag.Passed;
    public double PassRate => Cases == 0 ? 0 : (double)Passed / Cases;

    /// <summary>Share of cases with a recorded code where the assessor's code matched; not part of pass/fail.</summary>
    public double CodeAccuracy
    {
        get
        {
            var coded = MustFlag.CodedCases + MustNotFlag.CodedCases;
            return coded == 0 ? 0 : (double)(MustFlag.CodeMatches + MustNotFlag.CodeMatches) / coded;
        }
    }

    /// <summary>The weakest functionality, the one the "none under 70 %" goal is about.</summary>
    public FunctionalityResult? Weakest
    {
        get
        {
            FunctionalityResult? weakest = null;
            foreach (var result in Functionalities)
                if (weakest is null || result.PassRate < weakest.PassRate) weakest = result;
            return weakest;
        }
    }

    /// <summary>True when the overall pass rate and every functionality's pass rate reach the given floors.</summary>
    internal bool Meets(double overall, double perFunctionality) =>
        PassRate >= overall && (Weakest is null || Weakest.PassRate >= perFunctionality);

    /// <summary>The per-functionality table, the overall line, and the ids of failing cases.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Model: `{ModelVersion}`. Overall: **{Passed}/{Cases} ({Percent(PassRate)})**; " +
                                                    $"code accuracy {Percent(CodeAccuracy)}.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Cases expected hateful: {MustFlag.Passed}/{MustFlag.Cases} passed " +
                                                    $"({Percent(MustFlag.PassRate)}); cases expected clean: " +
                                                    $"{MustNotFlag.Passed}/{MustNotFlag.Cases} passed ({Percent(MustNotFlag.PassRate)}).");
        md.AppendLine();
        md.AppendLine("| functionality | cases | passed | pass rate | code accuracy |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var r in Functionalities)
        {
            var code = r.CodedCases == 0 ? "–" : Percent((double)r.CodeMatches / r.CodedCases);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Functionality} | {r.Cases} | {r.Passed} | {Percent(r.PassRate)} | {code} |");
        }

        if (Failures.Count > 0)
        {
            md.AppendLine();
            md.Append("Failing cases: ");
            for (var i = 0; i < Failures.Count; i++)
            {
                if (i > 0) md.Append(", ");
                md.Append('`').Append(Failures[i].Case.Id).Append('`');
            }
            md.AppendLine(".");
        }
        return md.ToString();
    }

    /// <summary>
    /// Returns <paramref name="document"/> with the text between the results markers replaced by <see cref="ToMarkdown"/>,
    /// so docs/FUNCTIONAL.md can be refreshed from a run without touching its hand-written prose.
    /// </summary>
    internal string ReplaceResultsSection(string document)
    {
        var start = document.IndexOf(SectionStart, StringComparison.Ordinal);
        var end = document.IndexOf(SectionEnd, StringComparison.Ordinal);
        if (start < 0 || end < start)
            throw new FormatException($"The document has no '{SectionStart}' … '{SectionEnd}' section to replace.");
        var contentStart = start + SectionStart.Length;
        return string.Concat(document.AsSpan(0, contentStart), "\n", ToMarkdown(), document.AsSpan(end));
    }

    /// <summary>Rewrites the results section of the Markdown file at <paramref name="path"/> in place.</summary>
    public void UpdateDocument(string path) => File.WriteAllText(path, ReplaceResultsSection(File.ReadAllText(path)));

    private static string Percent(double rate) => rate.ToString("P1", CultureInfo.InvariantCulture);
}
