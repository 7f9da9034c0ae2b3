using System.Diagnostics.Metrics;

namespace Vigil.Server.Hosting;

/// <summary>
/// Vigil's own counters beside ASP.NET Core's (requests, durations, rate-limiter refusals): how many texts each API
/// scored. Exported through OpenTelemetry and scraped at <c>/metrics</c>.
/// </summary>
internal sealed class ServerMetrics
{
    public const string MeterName = "Vigil.Server";
    private readonly Counter<long> _textsScored;

    public ServerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _textsScored = meter.CreateCounter<long>("vigil.texts.scored", "{text}", "Texts scored, by the API that asked.");
    }

    public void Scored(string api, int texts) => _textsScored.Add(texts, new KeyValuePair<string, object?>("api", api));
}
