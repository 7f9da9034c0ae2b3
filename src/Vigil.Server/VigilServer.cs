using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Enforcement;
using Vigil.Server.Access;
using Vigil.Server.Dashboard;
using Vigil.Server.Errors;
using Vigil.Server.Hosting;
using Vigil.Server.Labeler;
using Vigil.Server.Moderation;
using Vigil.Server.Native;
using Vigil.Server.OpenAi;
using Vigil.Server.Perspective;
using Vigil.Storage;

namespace Vigil.Server;

/// <summary>
/// The composition root: services, the middleware order, and every endpoint group. <c>vigil serve</c> runs what this
/// builds; tests build the same app over an in-memory server (<paramref name="configure"/> swaps the transport).
/// </summary>
internal static class VigilServer
{
    public static WebApplication Build(ServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        // ASP.NET Core's own request lines carry the query string, where Perspective clients put their key; RequestLog
        // writes one line per request without it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        // Loaded before the server listens, so the first request does not pay for it and /health means ready.
        services.AddSingleton(Detector.LoadDefault());
        // What every scoring API answers with: both stages, as `vigil score` and `analyze` run by default (--mode).
        services.AddSingleton(provider => CascadeDetector.Create(provider.GetRequiredService<Detector>(), new CascadeOptions { Mode = options.ScoringMode }));
        // The database the server was started on: its store, and its decision log behind the one enforcement engine every
        // request shares (LiveEnforcement keeps it in step with appends from other processes). SQLite opens synchronously
        // inside the async call.
        services.AddSingleton(_ => VigilDatabase.Open(options.DatabasePath, DatabaseAccess.CreateIfMissing));
        services.AddSingleton(provider => new LiveEnforcement(options.Policy,
            provider.GetRequiredService<VigilDatabase>().LogAsync().GetAwaiter().GetResult(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ReportBundleView>();
        services.AddSingleton<ModerationQueries>();
        services.AddSingleton(provider => new ApiKeyStore(provider.GetRequiredService<VigilDatabase>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<KeyVerifier>();
        services.AddSingleton<CommentAnalyzer>();
        services.AddSingleton<ScoreSuggestions>();
        services.AddSingleton<ModerationService>();
        services.AddSingleton<SigningKey>();
        services.AddSingleton<AtprotoLabeler>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization(Permissions.Add);
        services.AddRateLimiter(limiter => RateLimits.Configure(limiter, options));
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<Readiness>("ready");
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<OpenApiSecurity>());
        services.AddSingleton<ServerMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(ServerMetrics.MeterName, "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authentication")
            .AddPrometheusExporter());
        services.AddDashboard(options);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.UseRouting();
        app.Use(BoundBodySize);
        app.UseAuthentication();
        app.Use(DashboardAccess.IdentifySession);
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health").AllowAnonymous().WithMetadata(new HttpMethodMetadata(["GET"]));
        app.MapGet("/health/live", () => TypedResults.Ok("alive")).AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi().AllowAnonymous();
        // Counts and durations only, never a text; a scraper sends a triage (or higher) key as its bearer token.
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Permissions.View)
            .WithMetadata(new HttpMethodMetadata(["GET"]));
        var api = app.MapGroup("/api/v1").WithMetadata(new ApiFamilyMetadata(ApiFamily.Native));
        KeyEndpoints.Map(api);
        AssessEndpoints.Map(api);
        IngestEndpoints.Map(api);
        LogEndpoints.Map(api);
        ExportEndpoints.Map(api);
        ReviewEndpoints.Map(api);
        PerspectiveEndpoints.Map(app);
        ModerationEndpoints.Map(app);
        LabelerEndpoints.Map(app);
        app.MapDashboard();
        return app;
    }

    /// <summary>
    /// Refuses a body announced as too large before anything reads it, in the shape of the API asked; a body that only
    /// turns out too large while being read (chunked) is cut off by Kestrel's own limit.
    /// </summary>
    private static Task BoundBodySize(HttpContext context, RequestDelegate next)
    {
        var limit = context.RequestServices.GetRequiredService<ServerOptions>().MaxRequestBytes;
        if (context.Request.ContentLength > limit) return AccessErrors.WriteAsync(context, AccessError.TooLarge);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        return next(context);
    }
}
