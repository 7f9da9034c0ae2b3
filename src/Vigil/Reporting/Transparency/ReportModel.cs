namespace Vigil.Reporting.Transparency;

public enum ChartKind
{
    /// <summary>One line per series over weeks, with its 95% interval as a shaded band.</summary>
    WeeklySeries,
    /// <summary>One bar per row (e.g. actions by rule).</summary>
    Bars,
}

/// <summary>A plotted series: the column holding its values, and optionally the columns of its interval.</summary>
public sealed record ChartSeries(string Label, string ValueColumn, string? LowerColumn = null, string? UpperColumn = null);

/// <summary>
/// How to draw a figure from its own table, so a chart can never show a number the table (and its CSV) does not hold.
/// <paramref name="Percent"/>: the values are shares (0–1) drawn as percentages. <paramref name="MarkerDay"/>: a day
/// (yyyy-MM-dd) marked with a labelled vertical line on a weekly series, e.g. the change test's date.
/// </summary>
public sealed record ChartSpec(ChartKind Kind, string XColumn, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series,
    bool Percent, string? MarkerDay = null, string? MarkerLabel = null);

/// <summary>
/// One figure of the report: a table of formatted cells (exactly what the CSV and report.json hold) and what its numbers
/// count (<see cref="Numerator"/>) over what (<see cref="Denominator"/>). Column names ending in <c>_share</c>,
/// <c>_lower95</c> or <c>_upper95</c> hold shares between 0 and 1.
/// </summary>
public sealed record ReportFigure(string Id, string Title, string Numerator, string Denominator, IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows, ChartSpec? Chart = null)
{
    internal int ColumnIndex(string name)
    {
        for (var i = 0; i < Columns.Count; i++) if (Columns[i] == name) return i;
        throw new ArgumentException($"Figure '{Id}' has no column '{name}'.", nameof(name));
    }

    internal static bool IsShareColumn(string column) =>
        column.EndsWith("_share", StringComparison.Ordinal) || column.EndsWith("_lower95", StringComparison.Ordinal) ||
        column.EndsWith("_upper95", StringComparison.Ordinal);
}

/// <summary>
/// A section of the report. Prevalence, labels and design come from the measurement stage; other stages (amplification,
/// enforcement) hand in their own sections, which are shown only when present and kept apart from prevalence.
/// </summary>
public sealed record ReportSection(string Id, string Title, string Summary, IReadOnlyList<ReportFigure> Figures);

/// <summary>
/// Everything the report shows, already formatted: the writer only lays it out. <see cref="Headline"/> is what a reader
/// sees first (prevalence now, over the period, and its change); <see cref="Context"/> one line saying what was measured.
/// Both are derived from the figures, so report.json (the figures) does not repeat them.
/// </summary>
public sealed record ReportModel(string Title, IReadOnlyList<string> Preamble, IReadOnlyList<ReportSection> Sections)
{
    public IReadOnlyList<HeadlineFigure> Headline { get; init; } = [];
    public string Context { get; init; } = "";

    /// <summary>The weekly prevalence-by-posts figure: the trend a reader looks for first.</summary>
    public ReportFigure? WeeklyTrend => Sections.SelectMany(s => s.Figures).FirstOrDefault(f => f.Id == ReportFigures.WeeklyPostsId);
}
