using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Enforcement;
using Vigil.Policy;
using Vigil.Storage;

namespace Vigil.Server.Dashboard;

/// <summary>The dashboard's two hooks into the server: its services, and its middleware and routes.</summary>
internal static class DashboardSetup
{
    public static void AddDashboard(this IServiceCollection services, ServerOptions options)
    {
        DashboardAccess.Add(services, options);
        services.AddRazorComponents();
        services.AddSingleton(new ReportBundleView(options));
        services.AddSingleton(provider =>
        {
            var time = provider.GetRequiredService<TimeProvider>();
            var database = VigilDatabase.Open(options.DatabasePath, DatabaseAccess.CreateIfMissing);
            // SQLite opens synchronously inside the async call; the server builds its singletons before it listens.
            var log = database.LogAsync().GetAwaiter().GetResult();
            return new DashboardData(database, new LiveEnforcement(EnforcementPolicy.Default, log, time),
                provider.GetRequiredService<ReportBundleView>(), time);
        });
    }

    /// <summary>After authentication and authorisation: antiforgery validation needs to know who posted.</summary>
    public static void MapDashboard(this WebApplication app)
    {
        app.UseAntiforgery();
        DashboardEndpoints.Map(app);
    }
}
