using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Server.Access;
using Vigil.Server.Dashboard.Pages;
using Vigil.Server.Moderation;

namespace Vigil.Server.Dashboard;

/// <summary>
/// The dashboard's routes: pages (GET) rendered on the server from Razor components, and the forms they post. Each
/// route names its policy here, so the endpoint × role test reads them as it reads the API's; every form is checked for
/// its antiforgery token by ASP.NET Core before the handler runs.
/// </summary>
internal static class DashboardEndpoints
{
    private const int MaxIdLength = 1_000;
    private const int MaxNoteLength = 2_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        // Every form's token is checked by the antiforgery middleware (it looks at POST, PUT, PATCH and DELETE only).
        var dashboard = app.MapGroup("/dashboard").ExcludeFromDescription().WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(SecurityHeaders).AddEndpointFilter(RefuseForgedForms);

        var open = dashboard.MapGroup("").AllowAnonymous();
        open.MapGet("/login", LoginForm);
        open.MapPost("/login", LogInAsync);

        var view = dashboard.MapGroup("").RequireAuthorization(DashboardAccess.View);
        view.MapGet("", OverviewAsync);
        view.MapGet("/queue", QueueAsync);
        view.MapGet("/post", PostAsync);
        view.MapGet("/account", AccountAsync);
        view.MapGet("/cluster", ClusterAsync);
        view.MapGet("/log", LogAsync);
        view.MapGet("/report", Report);
        view.MapPost("/logout", (Delegate)LogOutAsync);

        dashboard.MapPost("/queue/escalate", EscalateAsync).RequireAuthorization(DashboardAccess.Escalate);
        var decide = dashboard.MapGroup("").RequireAuthorization(DashboardAccess.Decide);
        decide.MapPost("/queue/decide", DecideAsync);
        decide.MapPost("/post/label", LabelAsync);
    }

    private static RazorComponentResult LoginForm(HttpContext context, [FromQuery] string? returnUrl) =>
        Page<LoginPage>(new { Token = DashboardSession.TokenFor(context), ReturnUrl = LocalOrHome(returnUrl) });

    private static async Task<IResult> LogInAsync(HttpContext context, KeyVerifier keys, [FromForm] string? key, [FromForm] string? returnUrl)
    {
        var verified = KeyToken.TryParse(key?.Trim(), out var token) ? await keys.VerifyAsync(token, context.RequestAborted) : null;
        string? refusal = verified switch
        {
            null => "That key is unknown, revoked or mistyped.",
            { Role: var role } when !DashboardAccess.MayLogIn(role) => "Client keys score texts through the API; they cannot use the dashboard.",
            _ => null,
        };
        if (refusal is not null)
            return Page<LoginPage>(new { Token = DashboardSession.TokenFor(context), ReturnUrl = LocalOrHome(returnUrl), Error = refusal },
                verified is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
        await context.SignInAsync(DashboardAccess.Scheme, DashboardAccess.Principal(verified!));
        return Results.Redirect(LocalOrHome(returnUrl));
    }

    private static async Task<IResult> LogOutAsync(HttpContext context)
    {
        await context.SignOutAsync(DashboardAccess.Scheme);
        return Results.Redirect(DashboardAccess.LoginPath);
    }

    private static async Task<RazorComponentResult> OverviewAsync(HttpContext context, ModerationQueries data, CancellationToken ct) =>
        Page<OverviewPage>(new { Session = DashboardSession.For(context), Model = await data.OverviewAsync(ct) });

    private static async Task<RazorComponentResult> QueueAsync(HttpContext context, ModerationQueries data, [FromQuery] int? skip,
        [FromQuery] string? done, CancellationToken ct) =>
        Page<QueuePage>(new { Session = DashboardSession.For(context), Model = await data.QueueAsync(Math.Max(0, skip ?? 0), ct), Done = done });

    private static async Task<IResult> PostAsync(HttpContext context, ModerationQueries data, [FromQuery] string? id, [FromQuery] string? done,
        CancellationToken ct) =>
        Bounded(id) is { } postId
            ? Page<PostPage>(new { Session = DashboardSession.For(context), Model = await data.PostAsync(postId, ct), Done = done })
            : BadRequest(context, "A post page needs ?id= (at most 1,000 characters).");

    private static async Task<IResult> AccountAsync(HttpContext context, ModerationQueries data, [FromQuery] string? id, CancellationToken ct) =>
        Bounded(id) is { } accountId
            ? Page<AccountPage>(new { Session = DashboardSession.For(context), Model = await data.AccountAsync(accountId, ct) })
            : BadRequest(context, "An account page needs ?id= (at most 1,000 characters).");

    private static async Task<IResult> ClusterAsync(HttpContext context, ModerationQueries data, [FromQuery] string? id, CancellationToken ct) =>
        Bounded(id) is { } clusterId
            ? Page<ClusterPage>(new { Session = DashboardSession.For(context), Model = await data.ClusterAsync(clusterId, ct) })
            : BadRequest(context, "A cluster page needs ?id= (at most 1,000 characters).");

    private static async Task<IResult> LogAsync(HttpContext context, ModerationQueries data, [FromQuery] string? subject, [FromQuery] long? before,
        CancellationToken ct) =>
        subject is { Length: > MaxIdLength }
            ? BadRequest(context, "?subject= is at most 1,000 characters.")
            : Page<LogPage>(new { Session = DashboardSession.For(context), Model = await data.LogAsync(subject, before, ct) });

    /// <summary>The report exactly as it was written: self-contained HTML, no scripts, charts inline.</summary>
    private static IResult Report(HttpContext context, ReportBundleView reports) =>
        File.Exists(reports.HtmlPath)
            ? Results.File(reports.HtmlPath, "text/html; charset=utf-8")
            : Page<MessagePage>(new { Session = DashboardSession.For(context), Title = "Transparency report", Message = reports.Current().Problem }, 404);

    private static async Task<IResult> DecideAsync(HttpContext context, ModerationQueries data, [FromForm] string? request, [FromForm] string? outcome,
        [FromForm] string? note, [FromForm(Name = "class")] string? label, CancellationToken ct)
    {
        if (Bounded(request) is not { } requestId || outcome is not ("approve" or "reject") || note is { Length: > MaxNoteLength })
            return BadRequest(context, "A decision needs a request id, outcome=approve|reject and a note of at most 2,000 characters.");
        ConsensusClass? consensus = null;
        if (!string.IsNullOrEmpty(label))
        {
            if (!Kebab.TryParse(label, out ConsensusClass parsed)) return BadRequest(context, $"'{label}' is not a consensus class.");
            consensus = parsed;
        }
        return await ActAsync(context, () => data.DecideAsync(requestId, DashboardAccess.Reviewer(context.User), outcome == "approve",
            note ?? "", consensus, ct), $"/dashboard/queue?done={outcome}");
    }

    private static async Task<IResult> EscalateAsync(HttpContext context, ModerationQueries data, [FromForm] string? request, [FromForm] string? note,
        CancellationToken ct) =>
        Bounded(request) is { } requestId && note is not { Length: > MaxNoteLength }
            ? await ActAsync(context, () => data.EscalateAsync(requestId, DashboardAccess.Reviewer(context.User), note ?? "", ct),
                "/dashboard/queue?done=escalate")
            : BadRequest(context, "An escalation needs a request id and a note of at most 2,000 characters.");

    private static async Task<IResult> LabelAsync(HttpContext context, ModerationQueries data, [FromForm] string? post, [FromForm(Name = "class")] string? label,
        [FromForm] string? note, CancellationToken ct)
    {
        if (Bounded(post) is not { } postId || !Kebab.TryParse(label ?? "", out ConsensusClass consensus) || note is { Length: > MaxNoteLength })
            return BadRequest(context, "A label needs a post id, a consensus class and a note of at most 2,000 characters.");
        return await ActAsync(context, () => data.LabelAsync(postId, DashboardAccess.Reviewer(context.User), consensus, note ?? "", ct),
            $"/dashboard/post?id={Uri.EscapeDataString(postId)}&done=label");
    }

    /// <summary>Runs an action; one the log's state does not allow (decided already, no such request) is a 409 page saying why.</summary>
    private static async Task<IResult> ActAsync(HttpContext context, Func<Task<IReadOnlyList<Vigil.DecisionLog.DecisionEvent>>> act, string then)
    {
        try
        {
            await act();
            return Results.Redirect(then);
        }
        catch (EnforcementException e)
        {
            return Page<MessagePage>(new { Session = DashboardSession.For(context), Title = "Not recorded", Message = e.Message },
                StatusCodes.Status409Conflict);
        }
    }

    private static IResult BadRequest(HttpContext context, string message) =>
        Page<MessagePage>(new { Session = DashboardSession.For(context), Title = "Bad request", Message = message }, StatusCodes.Status400BadRequest);

    private static string? Bounded(string? id) => string.IsNullOrEmpty(id) || id.Length > MaxIdLength ? null : id;

    /// <summary>Only a dashboard path is followed after login, so a crafted link cannot send a user elsewhere.</summary>
    private static string LocalOrHome(string? returnUrl) =>
        returnUrl is { } url && url.StartsWith("/dashboard", StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal) &&
        !url.Contains('\\') ? url : "/dashboard";

    private static RazorComponentResult Page<TPage>(object parameters, int status = StatusCodes.Status200OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TPage>(parameters) { StatusCode = status, PreventStreamingRendering = true };

    /// <summary>
    /// The middleware only records a bad token; binding a form field refuses it, so a form without fields (logout) is
    /// refused here.
    /// </summary>
    private static ValueTask<object?> RefuseForgedForms(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? ValueTask.FromResult<object?>(Results.BadRequest("The form's antiforgery token is missing or invalid: reload the page and try again."))
            : next(context);

    /// <summary>Pages load nothing from elsewhere and run no script; nobody may frame them; nothing is cached.</summary>
    private static ValueTask<object?> SecurityHeaders(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    }
}
