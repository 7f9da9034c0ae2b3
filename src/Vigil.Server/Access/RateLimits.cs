using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Server.Errors;

namespace Vigil.Server.Access;

/// <summary>
/// Per-key token buckets (ASP.NET Core's limiter): each key gets its own rate, or the server's default, with a burst of
/// one second's worth; a dashboard session counts against the key it logged in with
/// (<see cref="Dashboard.DashboardAccess.IdentifySession"/>); requests without a valid key or session share a bucket per
/// client address. A refused request gets 429 with
/// <c>Retry-After</c>, in the shape of the API asked, and is never queued.
/// </summary>
internal static class RateLimits
{
    public static void Configure(RateLimiterOptions limiter, ServerOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var user = context.User;
            if (user.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value is { } keyId)
            {
                var rate = user.FindFirst(ApiKeyAuthentication.RateClaim)?.Value is { } text
                    ? int.Parse(text, CultureInfo.InvariantCulture)
                    : options.RequestsPerSecond;
                return RateLimitPartition.GetTokenBucketLimiter("key:" + keyId, _ => Bucket(rate));
            }
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetTokenBucketLimiter("address:" + address, _ => Bucket(options.AnonymousRequestsPerSecond));
        });
        limiter.OnRejected = (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            rejected.HttpContext.Response.Headers.RetryAfter =
                Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return new ValueTask(AccessErrors.WriteAsync(rejected.HttpContext, AccessError.RateLimited));
        };
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond) => new()
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
