using Vigil.Reporting.Charts;
using Vigil.Reporting.Transparency;

namespace Vigil.Server.Moderation;

/// <summary>
/// The latest transparency report as the dashboard (and the API) shows it: its model recomputed from the bundle's manifest (so the
/// figures are the report's own, not a second estimate), the weekly trend drawn as SVG, or why there is none.
/// </summary>
public sealed record ReportView(string Directory, ReportModel? Model, string? TrendSvg, DateTimeOffset? WrittenAt, string? Problem);

/// <summary>
/// Reads the report bundle in <see cref="ServerOptions.ReportDirectory"/> (what <c>vigil demo</c> and <c>vigil report
/// --out</c> write). Prevalence comes from human-labelled samples, which only a report run draws; the dashboard shows the
/// latest one, and recomputes it only when its manifest changes.
/// </summary>
internal sealed class ReportBundleView(ServerOptions options)
{
    private readonly Lock _lock = new();
    private (DateTime WrittenAt, ReportView View)? _cached;

    public string Directory => options.ReportDirectory;

    public string HtmlPath => Path.Combine(Directory, ReportWriter.HtmlFileName);

    public ReportView Current()
    {
        var manifest = Path.Combine(Directory, ReportManifest.FileName);
        if (!File.Exists(manifest))
            return new ReportView(Directory, null, null, null,
                $"No transparency report in {Directory} yet: write one with 'vigil report --db DB --out {Directory} …' (or 'vigil demo').");
        var writtenAt = File.GetLastWriteTimeUtc(manifest);
        lock (_lock)
        {
            if (_cached is { } cached && cached.WrittenAt == writtenAt) return cached.View;
            ReportView view;
            try
            {
                var model = TransparencyReport.Compute(ReportManifest.Read(manifest));
                var trend = model.WeeklyTrend is { Rows.Count: > 0 } figure ? ChartRenderer.Render(figure).Svg : null;
                view = new ReportView(Directory, model, trend, new DateTimeOffset(writtenAt, TimeSpan.Zero), null);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or FormatException)
            {
                view = new ReportView(Directory, null, null, null, $"The report in {Directory} cannot be read: {e.Message}");
            }
            _cached = (writtenAt, view);
            return view;
        }
    }
}
