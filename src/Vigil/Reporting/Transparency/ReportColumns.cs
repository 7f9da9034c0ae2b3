namespace Vigil.Reporting.Transparency;

/// <summary>
/// Column names for people. The CSVs and report.json keep their snake_case names (scripts read them, and a bundle must
/// reproduce byte for byte); the HTML tables show these: <c>hateful_lower95</c> → "hateful, 95% CI low".
/// </summary>
internal static class ReportColumns
{
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["estimate_share"] = "estimate",
        ["ci_lower95"] = "95% CI low",
        ["ci_upper95"] = "95% CI high",
        ["effective_sample_size"] = "effective n",
        ["krippendorff_alpha"] = "Krippendorff's α",
        ["posts_labelled_twice_or_more"] = "posts labelled ≥ 2 times",
        ["week_start"] = "week starts",
    };

    public static string Readable(string column)
    {
        if (Named.TryGetValue(column, out var named)) return named;
        foreach (var (suffix, words) in (ReadOnlySpan<(string, string)>)[("_share", ""), ("_lower95", ", 95% CI low"), ("_upper95", ", 95% CI high")])
            if (column.EndsWith(suffix, StringComparison.Ordinal) && column.Length > suffix.Length)
                return Words(column[..^suffix.Length]) + words;
        return Words(column);
    }

    private static string Words(string snake) => snake.Replace('_', ' ');
}
