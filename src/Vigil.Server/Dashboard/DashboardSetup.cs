using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Dashboard;

/// <summary>The dashboard's two hooks into the server: its services, and its middleware and routes.</summary>
internal static class DashboardSetup
{
    public static void AddDashboard(this IServiceCollection services, ServerOptions options)
    {
        DashboardAccess.Add(services, options);
        services.AddRazorComponents();
    }

    /// <summary>After authentication and authorisation: antiforgery validation needs to know who posted.</summary>
    public static void MapDashboard(this WebApplication app)
    {
        app.UseAntiforgery();
        DashboardEndpoints.Map(app);
    }
}
