using System.Globalization;
using ScottPlot;
using Vigil.Reporting.Transparency;

namespace Vigil.Reporting.Charts;

/// <summary>A figure drawn as SVG (inlined into report.html) and PNG.</summary>
public sealed record RenderedChart(string Svg, byte[] Png);

/// <summary>
/// Draws a figure's chart from the figure's own table, so a chart cannot show a number the CSV lacks. The font is named
/// explicitly (DejaVu Sans, installed by CI): ScottPlot draws no text at all when its default font is missing.
/// </summary>
public static class ChartRenderer
{
    public const string FontName = "DejaVu Sans";
    public const int Width = 800;
    public const int Height = 420;

    private static readonly Color[] Palette = [new(0x1f, 0x5f, 0xa8), new(0xc0, 0x39, 0x2b), new(0x2e, 0x8b, 0x57), new(0x8e, 0x44, 0xad)];

    public static RenderedChart Render(ReportFigure figure)
    {
        var chart = figure.Chart ?? throw new ArgumentException($"Figure '{figure.Id}' has no chart.", nameof(figure));
        using var plot = new Plot();
        var scale = chart.Percent ? 100.0 : 1.0;
        if (chart.Kind == ChartKind.WeeklySeries) DrawWeekly(plot, figure, chart, scale);
        else DrawBars(plot, figure, chart, scale);

        plot.Title(figure.Title, 15);
        plot.XLabel(chart.XLabel, 13);
        plot.YLabel(chart.YLabel, 13);
        plot.Font.Set(FontName);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Legend.FontSize = 12;
        // Beside the data, not over it: inside, a legend of six entries hides the bands it names.
        plot.ShowLegend(Edge.Right);
        return new RenderedChart(plot.GetSvgXml(Width, Height), plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static void DrawWeekly(Plot plot, ReportFigure figure, ChartSpec chart, double scale)
    {
        var xColumn = figure.ColumnIndex(chart.XColumn);
        var xs = new double[figure.Rows.Count];
        for (var r = 0; r < xs.Length; r++)
            xs[r] = DateTime.ParseExact(figure.Rows[r][xColumn], "yyyy-MM-dd", CultureInfo.InvariantCulture).ToOADate();
        double top = 0;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var color = Palette[s % Palette.Length];
            if (series.LowerColumn is { } lowerColumn && series.UpperColumn is { } upperColumn && xs.Length > 0)
            {
                var band = plot.Add.FillY(xs, Column(figure, lowerColumn, scale), Column(figure, upperColumn, scale));
                band.FillColor = color.WithAlpha(0.2);
                band.LineColor = color.WithAlpha(0.0);
                band.LegendText = $"{series.Label}: 95% CI";
            }
            var values = Column(figure, series.ValueColumn, scale);
            top = Math.Max(top, Max(values));
            if (series.UpperColumn is { } upper) top = Math.Max(top, Max(Column(figure, upper, scale)));
            var line = plot.Add.Scatter(xs, values);
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            // "Estimate" only beside its interval: a series without one (a count, an attributed share) is not an estimate.
            line.LegendText = series.LowerColumn is null ? series.Label : $"{series.Label}: estimate";
        }
        // ISO dates on at most ~10 ticks: the default date ticks are US-formatted and crowd on long series.
        var step = Math.Max(1, (xs.Length + 9) / 10);
        var ticks = new List<double>();
        var names = new List<string>();
        for (var r = 0; r < xs.Length; r += step)
        {
            ticks.Add(xs[r]);
            names.Add(figure.Rows[r][xColumn]);
        }
        plot.Axes.Bottom.SetTicks([.. ticks], [.. names]);
        if (chart.MarkerDay is { } day)
        {
            var marker = plot.Add.VerticalLine(DateTime.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToOADate());
            marker.Color = Colors.Black.WithAlpha(0.6);
            marker.LinePattern = LinePattern.Dashed;
            marker.LegendText = chart.MarkerLabel ?? day;
        }
        StartAtZero(plot, top);
    }

    /// <summary>A share's axis starts at zero, so the eye reads the height of a line as its size.</summary>
    private static void StartAtZero(Plot plot, double top) => plot.Axes.SetLimitsY(0, top > 0 ? top * 1.15 : 1);

    private static void DrawBars(Plot plot, ReportFigure figure, ChartSpec chart, double scale)
    {
        var labels = figure.Rows.Select(row => row[figure.ColumnIndex(chart.XColumn)]).ToArray();
        var positions = new double[labels.Length];
        for (var i = 0; i < positions.Length; i++) positions[i] = i;
        double top = 0;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var values = Column(figure, chart.Series[s].ValueColumn, scale);
            top = Math.Max(top, Max(values));
            var bars = plot.Add.Bars(positions, values);
            bars.Color = Palette[s % Palette.Length];
            bars.LegendText = chart.Series[s].Label;
        }
        plot.Axes.Bottom.SetTicks(positions, labels);
        // Rule names are long: slanted labels stay readable where level ones run into each other.
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 120;
        StartAtZero(plot, top);
    }

    private static double Max(double[] values)
    {
        var max = 0.0;
        foreach (var v in values) max = Math.Max(max, v);
        return max;
    }

    private static double[] Column(ReportFigure figure, string column, double scale)
    {
        var index = figure.ColumnIndex(column);
        var values = new double[figure.Rows.Count];
        for (var r = 0; r < values.Length; r++)
            values[r] = double.Parse(figure.Rows[r][index], NumberStyles.Float, CultureInfo.InvariantCulture) * scale;
        return values;
    }
}
