using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vigil.Detection.Cascade;
using Vigil.Server.Access;

namespace Vigil.Server.Hosting;

/// <summary>Ready means: the detector is loaded (at start-up, before listening) and the database answers.</summary>
internal sealed class Readiness(CascadeDetector detector, ApiKeyStore keys) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await keys.IsReachableAsync(ct)
                ? HealthCheckResult.Healthy($"model {detector.ModelVersion}")
                : HealthCheckResult.Unhealthy("the database did not answer");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException)
        {
            return HealthCheckResult.Unhealthy("the database cannot be read", e);
        }
    }
}
