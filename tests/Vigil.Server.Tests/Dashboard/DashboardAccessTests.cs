using System.Net;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Dashboard;

/// <summary>
/// Every dashboard route × every role, through the cookie session a person gets by logging in with a key: without a
/// session a page sends you to the login form and a form post is refused; with one, the role decides (403 otherwise),
/// whatever buttons the page showed. <see cref="Access.EndpointAccessTests"/> checks this table covers every route.
/// </summary>
public sealed class DashboardAccessTests : IAsyncLifetime
{
    public const string Anonymous = "anonymous";
    private static readonly string[] Staff = [Roles.Admin, Roles.Moderator, Roles.Triage];
    private static readonly string[] Deciders = [Roles.Admin, Roles.Moderator];

    /// <summary>(method, route template) → who may call it, and a path to call it on.</summary>
    public static readonly (string Method, string Route, string Path, string[] Allowed)[] Table =
    [
        ("GET", "/dashboard/login", "/dashboard/login", [Anonymous]),
        ("POST", "/dashboard/login", "/dashboard/login", [Anonymous]),
        ("GET", "/dashboard", "/dashboard", Staff),
        ("GET", "/dashboard/queue", "/dashboard/queue", Staff),
        ("GET", "/dashboard/post", "/dashboard/post?id=p1", Staff),
        ("GET", "/dashboard/account", "/dashboard/account?id=a1", Staff),
        ("GET", "/dashboard/cluster", "/dashboard/cluster?id=1", Staff),
        ("GET", "/dashboard/log", "/dashboard/log", Staff),
        ("GET", "/dashboard/report", "/dashboard/report", Staff),
        ("POST", "/dashboard/logout", "/dashboard/logout", Staff),
        ("POST", "/dashboard/queue/escalate", "/dashboard/queue/escalate", Staff),
        ("POST", "/dashboard/queue/decide", "/dashboard/queue/decide", Deciders),
        ("POST", "/dashboard/post/label", "/dashboard/post/label", Deciders),
    ];

    private TestServerHost _host = null!;

    // Logging in is limited per client address, as every request without an API key or a session is (the table logs in
    // far faster than people do); the pages after it count against the key's own rate.
    public async Task InitializeAsync() => _host = await TestServerHost.StartAsync(o => o with { AnonymousRequestsPerSecond = 10_000 });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WithoutASessionPagesLeadToTheLoginFormAndFormsAreRefused()
    {
        using var browser = new DashboardClient(_host);
        foreach (var row in Table.Where(r => !r.Allowed.Contains(Anonymous)))
        {
            using var response = row.Method == "GET" ? await browser.Http.GetAsync(row.Path) : await browser.PostAsync(row.Path, token: null);
            if (row.Method == "GET")
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{row.Method} {row.Path}: {response.StatusCode}");
                Assert.True(ToLogin(response), $"{row.Path} redirects to {response.Headers.Location}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{row.Method} {row.Path}: {response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task EachRoleIsAdmittedOrRefusedAsTheTableSays()
    {
        foreach (var role in Staff)
        {
            foreach (var row in Table.Where(r => !r.Allowed.Contains(Anonymous)))
            {
                // A fresh session per row: logging out must not end the session the next row uses.
                using var browser = new DashboardClient(_host);
                Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync(_host.Token(role))).StatusCode);
                using var response = row.Method == "GET"
                    ? await browser.Http.GetAsync(row.Path)
                    : await browser.PostAsync(row.Path, await browser.TokenFromAsync("/dashboard"), ("request", "no-such-request"),
                        ("outcome", "approve"), ("post", "p1"), ("class", "agreed-antisemitic"));
                var refusedOrLoggedOut = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || ToLogin(response);
                if (row.Allowed.Contains(role))
                    Assert.False(refusedOrLoggedOut, $"{row.Method} {row.Path} as {role}: {response.StatusCode} {response.Headers.Location}");
                else
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{row.Method} {row.Path} as {role}: {response.StatusCode}, expected 403");
            }
        }
    }

    /// <summary>A redirect to the login form (with the page to come back to), as a challenge sends; logout's own redirect has no query.</summary>
    private static bool ToLogin(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect &&
        response.Headers.Location?.OriginalString.Contains("/dashboard/login?", StringComparison.Ordinal) == true;

    [Fact]
    public async Task AClientKeyCannotLogInAndAWrongKeyIsRefused()
    {
        using var browser = new DashboardClient(_host);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.LogInAsync(_host.Token(Roles.Client))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LogInAsync("vgl_000000000000_not-a-real-secret")).StatusCode);
        Assert.DoesNotContain(browser.Cookies, c => c.Name == "vigil_session");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task AnApiKeyDoesNotOpenTheDashboardWithoutLoggingIn()
    {
        using var client = _host.Client(Roles.Admin);
        using var response = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryTokenIsRefused()
    {
        using var browser = new DashboardClient(_host);
        await browser.LogInAsync(_host.Token(Roles.Moderator));
        using var missing = await browser.PostAsync("/dashboard/queue/decide", token: null, ("request", "r"), ("outcome", "reject"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using var forged = await browser.PostAsync("/dashboard/logout", token: "CfDJ8forged");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        // Still logged in: the forged logout did nothing.
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task TheSessionCookieIsHttpOnlyStrictAndScopedToTheDashboard()
    {
        using var browser = new DashboardClient(_host);
        using var login = await browser.LogInAsync(_host.Token(Roles.Triage));
        var header = Assert.Single(login.Headers.GetValues("Set-Cookie"), v => v.StartsWith("vigil_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_host.Token(Roles.Triage), header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokingTheKeyEndsItsSessions()
    {
        using var browser = new DashboardClient(_host);
        await browser.LogInAsync(_host.Token(Roles.Moderator));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/dashboard/queue")).StatusCode);
        using var admin = _host.Client(Roles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/keys/{Roles.Moderator}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/dashboard/queue")).StatusCode);
    }

    [Fact]
    public async Task ATakeDownPostedByTriageIsRefusedWhateverTheFormSays()
    {
        using var browser = new DashboardClient(_host);
        await browser.LogInAsync(_host.Token(Roles.Triage));
        var queue = await browser.Http.GetStringAsync("/dashboard/queue");
        Assert.DoesNotContain("/dashboard/queue/decide", queue, StringComparison.Ordinal);
        using var forged = await browser.PostAsync("/dashboard/queue/decide", await browser.TokenFromAsync("/dashboard/queue"),
            ("request", "review|anything"), ("outcome", "approve"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }
}
