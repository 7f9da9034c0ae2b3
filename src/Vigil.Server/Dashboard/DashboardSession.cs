using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard;

/// <summary>The antiforgery field every form of the page carries (its name and this request's token).</summary>
public sealed record FormToken(string FieldName, string Value);

/// <summary>
/// Who is looking at a page, and so which buttons it shows. The buttons are a convenience only: every action's endpoint
/// checks the same role itself.
/// </summary>
public sealed record DashboardSession(string Name, string Role, string Reviewer, bool MayEscalate, bool MayDecide, FormToken Token)
{
    internal static DashboardSession For(HttpContext context)
    {
        var user = context.User;
        bool Has(string policy) => Permissions.RolesByPolicy[policy].Any(user.IsInRole);
        return new DashboardSession(user.Identity?.Name ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "",
            user.FindFirstValue(DashboardAccess.ReviewerClaim) ?? "", Has(Permissions.Escalate), Has(Permissions.Decide), TokenFor(context));
    }

    internal static FormToken TokenFor(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken ?? "");
    }
}
