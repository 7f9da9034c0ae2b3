using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Reporting.Charts;

namespace Vigil.Reporting.Transparency;

/// <summary>
/// Writes the report folder: report.html (self-contained: CSS and SVG charts inline, no scripts, no links out),
/// report.json and one CSV per figure, each chart as PNG and SVG, and manifest.json, the reproducibility bundle.
/// </summary>
public static class ReportWriter
{
    public const string HtmlFileName = "report.html";

    /// <returns>The names of the files written, in writing order.</returns>
    public static IReadOnlyList<string> Write(TransparencyBuild build, string directory)
    {
        Directory.CreateDirectory(directory);
        RemovePreviousFigures(directory);
        var written = new List<string>();
        void Save(string name, byte[] bytes)
        {
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
            written.Add(name);
        }

        using (var manifest = File.Create(Path.Combine(directory, ReportManifest.FileName))) ReportManifest.Write(manifest, build.Inputs);
        written.Add(ReportManifest.FileName);
        foreach (var (name, bytes) in ReportJson.RenderData(build.Model)) Save(name, bytes);

        // The headline figures and the first chart come first, on one laptop screen; how they were made closes the page.
        var html = new HtmlReport(build.Model.Title).Context(build.Model.Context).Headline(build.Model.Headline);
        foreach (var line in build.Model.Preamble) html.FooterParagraph(line);
        html.FooterParagraph($"Every figure's numbers are also in {ReportJson.FileName} and in the CSV named under its table; " +
                             $"{ReportManifest.FileName} holds what they were computed from (vigil report --reproduce checks them).");
        foreach (var section in build.Model.Sections)
        {
            html.Heading(section.Title).Paragraph(section.Summary);
            foreach (var figure in section.Figures)
            {
                if (figure.Chart is not null && figure.Rows.Count > 0)
                {
                    var chart = ChartRenderer.Render(figure);
                    Save(figure.Id + ".svg", Encoding.UTF8.GetBytes(chart.Svg));
                    Save(figure.Id + ".png", chart.Png);
                    var bands = figure.Chart.Series.Any(s => s.LowerColumn is not null) ? " Shaded bands: 95% confidence intervals." : "";
                    html.Figure($"{figure.Title}. Counts {figure.Numerator}, over {figure.Denominator}.{bands}", chart.Svg);
                }
                html.Table($"{figure.Title}. Counts: {figure.Numerator}. Over: {figure.Denominator}. Data: {ReportJson.CsvName(figure)}.",
                    [.. figure.Columns.Select(ReportColumns.Readable)], figure.Rows.Select(row => Readable(figure, row)));
            }
        }
        Save(HtmlFileName, Encoding.UTF8.GetBytes(html.Render()));
        return written;
    }

    /// <summary>
    /// Rewriting a folder must not leave a figure the new report no longer has (a change test without a change date):
    /// it would read as part of the new bundle. Only files the previous report.json names are removed.
    /// </summary>
    private static void RemovePreviousFigures(string directory)
    {
        var previous = Path.Combine(directory, ReportJson.FileName);
        if (!File.Exists(previous)) return;
        using var document = JsonDocument.Parse(File.ReadAllBytes(previous));
        if (!document.RootElement.TryGetProperty("sections", out var sections)) return;
        foreach (var section in sections.EnumerateArray())
        foreach (var figure in section.GetProperty("figures").EnumerateArray())
        {
            var id = figure.GetProperty("id").GetString();
            // A figure id is a file stem the report chose; anything with a path in it was not written by the report.
            if (string.IsNullOrEmpty(id) || id.IndexOfAny(['/', '\\']) >= 0 || id.Contains("..", StringComparison.Ordinal)) continue;
            foreach (var extension in (ReadOnlySpan<string>)[".csv", ".svg", ".png"]) File.Delete(Path.Combine(directory, id + extension));
        }
    }

    /// <summary>Shares as percentages for people; the CSV keeps the fractions.</summary>
    private static IReadOnlyList<string> Readable(ReportFigure figure, IReadOnlyList<string> row)
    {
        var cells = new string[row.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = ReportFigure.IsShareColumn(figure.Columns[i]) &&
                       double.TryParse(row[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var share)
                ? (share * 100).ToString("0.000", CultureInfo.InvariantCulture) + "%"
                : row[i];
        }
        return cells;
    }
}
