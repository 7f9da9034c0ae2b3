using System.Text;
using System.Text.Json;
using Vigil.Model;
using Vigil.Text.Csv;

namespace Vigil.Reporting.Transparency;

/// <summary>
/// report.json and the per-figure CSVs: the machine-readable report, the bytes <c>--reproduce</c> compares. Cells are the
/// model's formatted strings, written as they are; line endings are "\n" on every platform.
/// </summary>
public static class ReportJson
{
    public const string FileName = "report.json";
    public const string Format = "vigil-transparency-report";
    public const int Version = 1;

    /// <summary>report.json and one CSV per figure, by file name: everything a reproduction must match byte for byte.</summary>
    internal static SortedDictionary<string, byte[]> RenderData(ReportModel model)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { [FileName] = Render(model) };
        foreach (var section in model.Sections)
        foreach (var figure in section.Figures)
            files[CsvName(figure)] = Encoding.UTF8.GetBytes(Csv(figure));
        return files;
    }

    internal static string CsvName(ReportFigure figure) => figure.Id + ".csv";

    internal static string Csv(ReportFigure figure)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        CsvFormat.WriteRow(writer, figure.Columns);
        foreach (var row in figure.Rows) CsvFormat.WriteRow(writer, row);
        return writer.ToString();
    }

    internal static byte[] Render(ReportModel model)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteString("title", model.Title);
            json.WriteStartArray("preamble");
            foreach (var line in model.Preamble) json.WriteStringValue(line);
            json.WriteEndArray();
            json.WriteStartArray("sections");
            foreach (var section in model.Sections) WriteSection(json, section);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    internal static void WriteSection(Utf8JsonWriter json, ReportSection section)
    {
        json.WriteStartObject();
        json.WriteString("id", section.Id);
        json.WriteString("title", section.Title);
        json.WriteString("summary", section.Summary);
        json.WriteStartArray("figures");
        foreach (var figure in section.Figures)
        {
            json.WriteStartObject();
            json.WriteString("id", figure.Id);
            json.WriteString("title", figure.Title);
            json.WriteString("numerator", figure.Numerator);
            json.WriteString("denominator", figure.Denominator);
            json.WriteString("csv", CsvName(figure));
            if (figure.Chart is { } chart) WriteChart(json, chart);
            json.WriteStartArray("columns");
            foreach (var column in figure.Columns) json.WriteStringValue(column);
            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in figure.Rows)
            {
                json.WriteStartArray();
                foreach (var cell in row) json.WriteStringValue(cell);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteChart(Utf8JsonWriter json, ChartSpec chart)
    {
        json.WriteStartObject("chart");
        json.WriteString("kind", Kebab.From(chart.Kind));
        json.WriteString("x_column", chart.XColumn);
        json.WriteString("x_label", chart.XLabel);
        json.WriteString("y_label", chart.YLabel);
        json.WriteBoolean("percent", chart.Percent);
        if (chart.MarkerDay is not null) json.WriteString("marker_day", chart.MarkerDay);
        if (chart.MarkerLabel is not null) json.WriteString("marker_label", chart.MarkerLabel);
        json.WriteStartArray("series");
        foreach (var s in chart.Series)
        {
            json.WriteStartObject();
            json.WriteString("label", s.Label);
            json.WriteString("value", s.ValueColumn);
            if (s.LowerColumn is not null) json.WriteString("lower", s.LowerColumn);
            if (s.UpperColumn is not null) json.WriteString("upper", s.UpperColumn);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    internal static ReportSection ReadSection(JsonElement section)
    {
        var figures = new List<ReportFigure>();
        foreach (var f in section.GetProperty("figures").EnumerateArray())
        {
            ChartSpec? chart = null;
            if (f.TryGetProperty("chart", out var c))
            {
                var series = new List<ChartSeries>();
                foreach (var s in c.GetProperty("series").EnumerateArray())
                {
                    series.Add(new ChartSeries(s.GetProperty("label").GetString()!, s.GetProperty("value").GetString()!,
                        s.TryGetProperty("lower", out var lower) ? lower.GetString() : null,
                        s.TryGetProperty("upper", out var upper) ? upper.GetString() : null));
                }
                var kindText = c.GetProperty("kind").GetString()!;
                if (!Kebab.TryParse<ChartKind>(kindText, out var kind)) throw new FormatException($"'{kindText}' is not a chart kind.");
                chart = new ChartSpec(kind, c.GetProperty("x_column").GetString()!, c.GetProperty("x_label").GetString()!,
                    c.GetProperty("y_label").GetString()!, series, c.GetProperty("percent").GetBoolean(),
                    c.TryGetProperty("marker_day", out var day) ? day.GetString() : null,
                    c.TryGetProperty("marker_label", out var label) ? label.GetString() : null);
            }
            var rows = new List<IReadOnlyList<string>>();
            foreach (var row in f.GetProperty("rows").EnumerateArray()) rows.Add([.. row.EnumerateArray().Select(cell => cell.GetString()!)]);
            figures.Add(new ReportFigure(f.GetProperty("id").GetString()!, f.GetProperty("title").GetString()!,
                f.GetProperty("numerator").GetString()!, f.GetProperty("denominator").GetString()!,
                [.. f.GetProperty("columns").EnumerateArray().Select(col => col.GetString()!)], rows, chart));
        }
        return new ReportSection(section.GetProperty("id").GetString()!, section.GetProperty("title").GetString()!,
            section.GetProperty("summary").GetString()!, figures);
    }
}
