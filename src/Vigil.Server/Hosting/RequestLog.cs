using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Vigil.Server.Access;

namespace Vigil.Server.Hosting;

/// <summary>
/// One structured line per request: method, route template, status, time, key id and body length. Never the path's
/// values, the query (which may hold <c>?key=</c>), headers or any body: texts sent with <c>doNotStore</c> are written
/// nowhere, logs included, and the server does not tell those apart from the rest.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            Served(logger, context.Request.Method, route, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value ?? "-",
                context.Request.ContentLength ?? 0);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Route} {Status} in {ElapsedMs:0.0} ms (key {KeyId}, {RequestBytes} bytes in)")]
    private static partial void Served(ILogger logger, string method, string route, int status, double elapsedMs, string keyId,
        long requestBytes);
}
