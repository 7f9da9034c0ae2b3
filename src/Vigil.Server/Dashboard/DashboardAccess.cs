using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Enforcement;
using Vigil.Server.Access;

namespace Vigil.Server.Dashboard;

/// <summary>
/// Who may use the dashboard, and how a session is kept: an API key (admin, moderator or triage; never client) is
/// exchanged once for a cookie session. The policies are <see cref="Permissions"/>' own roles, read through the cookie
/// instead of a key, so the dashboard and the API can never disagree on what a role may do.
/// </summary>
internal static class DashboardAccess
{
    public const string Scheme = "DashboardCookie";
    public const string ReviewerClaim = "vigil:reviewer";
    public const string LoginPath = "/dashboard/login";

    public const string View = "dashboard:" + Permissions.View;
    public const string Escalate = "dashboard:" + Permissions.Escalate;
    public const string Decide = "dashboard:" + Permissions.Decide;

    /// <summary>How long an idle session lasts; every request renews it (sliding expiry).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static void Add(IServiceCollection services, ServerOptions options)
    {
        // A session cookie never travels in clear off this machine: Secure unless the server only listens on loopback
        // over http (the demo), where browsers would otherwise refuse to send it back.
        var secure = OnlyLoopbackHttp(options.Urls) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "vigil_session";
            cookie.Cookie.Path = "/dashboard";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = secure;
            cookie.ExpireTimeSpan = IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = LoginPath;
            cookie.Events.OnRedirectToLogin = context =>
            {
                // Pages send a person to the login form; a form posted without a session is refused outright.
                if (HttpMethods.IsGet(context.Request.Method)) context.Response.Redirect(context.RedirectUri);
                else context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return context.Response.WriteAsync("Your role may not do this.");
            };
            cookie.Events.OnValidatePrincipal = EndSessionOfRevokedKeyAsync;
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "vigil_csrf";
            antiforgery.Cookie.Path = "/dashboard";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = secure;
        });
        services.Configure<AuthorizationOptions>(authorization =>
        {
            foreach (var (policy, name) in (ReadOnlySpan<(string, string)>)[(Permissions.View, View), (Permissions.Escalate, Escalate), (Permissions.Decide, Decide)])
                authorization.AddPolicy(name, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Permissions.RolesByPolicy[policy]));
        });
    }

    /// <summary>The dashboard's roles: a client key scores texts and nothing else.</summary>
    public static bool MayLogIn(Role role) => role is not Role.Client;

    public static ClaimsPrincipal Principal(ApiKey key)
    {
        List<Claim> claims =
        [
            new(ApiKeyAuthentication.KeyIdClaim, key.Id),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, Roles.Name(key.Role)),
            new(ReviewerClaim, key.ReviewerId),
        ];
        if (key.RequestsPerSecond is { } rate) claims.Add(new Claim(ApiKeyAuthentication.RateClaim, rate.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// Before the rate limiter: a dashboard request carries its session cookie, not a key, so the session's principal is
    /// made the request's user here and the limiter counts it against the key it logged in with (its own bucket, shared
    /// with that key's API calls), not against the client's address, which many people behind one proxy share.
    /// </summary>
    public static async Task IdentifySession(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/dashboard") && context.User.Identity?.IsAuthenticated != true &&
            await context.AuthenticateAsync(Scheme) is { Succeeded: true, Principal: { } session })
            context.User = session;
        await next(context);
    }

    public static HumanReviewer Reviewer(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ReviewerClaim) ?? throw new InvalidOperationException("A dashboard session without a reviewer id."));

    /// <summary>A key revoked after login ends its sessions at their next request (within the key cache's seconds).</summary>
    private static async Task EndSessionOfRevokedKeyAsync(CookieValidatePrincipalContext context)
    {
        var keyId = context.Principal?.FindFirstValue(ApiKeyAuthentication.KeyIdClaim);
        var store = context.HttpContext.RequestServices.GetRequiredService<ApiKeyStore>();
        if (keyId is not null && await store.FindAsync(keyId, context.HttpContext.RequestAborted) is ({ Revoked: false }, _)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static bool OnlyLoopbackHttp(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .All(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}
