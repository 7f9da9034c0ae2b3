using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Access;

/// <summary>
/// Every endpoint × every role: 401 without a key, 403 with a role the endpoint refuses, neither with one it admits.
/// The table below is the expected access of each endpoint, written out by hand; the first test fails when the app has
/// an endpoint the table does not list (or the reverse), so a new endpoint cannot escape these checks.
/// </summary>
public sealed class EndpointAccessTests : IAsyncLifetime
{
    private const string Anonymous = "anonymous";
    private static readonly string[] AllRoles = [Roles.Admin, Roles.Moderator, Roles.Triage, Roles.Client];
    private static readonly string[] Staff = [Roles.Admin, Roles.Moderator, Roles.Triage];

    /// <summary>(method, route template) → who may call it, and a path to call it on.</summary>
    private static readonly (string Method, string Route, string Path, string[] Allowed)[] Table =
    [
        ("GET", "/health", "/health", [Anonymous]),
        ("GET", "/health/live", "/health/live", [Anonymous]),
        ("GET", "/openapi/{documentName}.json", "/openapi/v1.json", [Anonymous]),
        ("GET", "/api/v1/keys", "/api/v1/keys", [Roles.Admin]),
        ("POST", "/api/v1/keys", "/api/v1/keys", [Roles.Admin]),
        ("DELETE", "/api/v1/keys/{id}", "/api/v1/keys/no-such-key", [Roles.Admin]),
        ("GET", "/metrics", "/metrics", Staff),
        ("POST", "/api/v1/assess", "/api/v1/assess", AllRoles),
        ("POST", "/api/v1/ingest", "/api/v1/ingest", [Roles.Admin]),
        ("GET", "/api/v1/log/head", "/api/v1/log/head", Staff),
        ("GET", "/api/v1/log/verify", "/api/v1/log/verify", Staff),
        ("GET", "/api/v1/log/events", "/api/v1/log/events", Staff),
        ("GET", "/api/v1/exports/dsa", "/api/v1/exports/dsa", Staff),
        ("GET", "/api/v1/exports/atproto", "/api/v1/exports/atproto", Staff),
        ("GET", "/api/v1/exports/decisions.csv", "/api/v1/exports/decisions.csv", Staff),
        ("GET", "/api/v1/queue", "/api/v1/queue", Staff),
        ("POST", "/api/v1/queue/{id}/decision", "/api/v1/queue/no-such-request/decision", [Roles.Admin, Roles.Moderator]),
        ("POST", "/api/v1/queue/{id}/escalation", "/api/v1/queue/no-such-request/escalation", Staff),
        ("GET", "/api/v1/posts", "/api/v1/posts", Staff),
        ("GET", "/api/v1/posts/{id}", "/api/v1/posts/no-such-post", Staff),
        ("GET", "/api/v1/accounts/{id}", "/api/v1/accounts/no-such-account", Staff),
        ("GET", "/api/v1/clusters/{id}", "/api/v1/clusters/no-such-cluster", Staff),
        ("POST", "/api/v1/labels", "/api/v1/labels", [Roles.Admin, Roles.Moderator]),
        ("POST", "/api/v1/decisions/{id}/appeal", "/api/v1/decisions/no-such-decision/appeal", Staff),
        ("POST", "/api/v1/decisions/{id}/appeal/resolution", "/api/v1/decisions/no-such-decision/appeal/resolution", [Roles.Admin, Roles.Moderator]),
        ("GET", "/api/v1/report", "/api/v1/report", Staff),
        ("GET", "/$discovery/rest", "/$discovery/rest?version=v1alpha1", [Anonymous]),
        ("POST", "/v1alpha1/comments:analyze", "/v1alpha1/comments:analyze", AllRoles),
        ("POST", "/v1alpha1/comments:suggestscore", "/v1alpha1/comments:suggestscore", AllRoles),
        ("POST", "/v1/moderations", "/v1/moderations", AllRoles),
        ("GET", "/xrpc/com.atproto.label.queryLabels", "/xrpc/com.atproto.label.queryLabels?uriPatterns=*", [Anonymous]),
        // Without a WebSocket upgrade it answers 400 (InvalidRequest): still no 401 or 403.
        ("GET", "/xrpc/com.atproto.label.subscribeLabels", "/xrpc/com.atproto.label.subscribeLabels", [Anonymous]),
    ];

    private TestServerHost _host = null!;

    public async Task InitializeAsync()
    {
        var (pem, key) = SeededDecisions.LabelerKey();
        key.Dispose();
        // The table sends one request without a key per endpoint, more in a second than the anonymous per-address limit
        // allows; that limit has its own tests (LimitTests).
        _host = await TestServerHost.StartAsync(o => o with
        {
            LabelerDid = "did:web:labeler.test", SigningKeyPath = pem, AnonymousRequestsPerSecond = 10_000,
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void TheTableListsExactlyTheAppsEndpoints()
    {
        var endpoints = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal).ToArray();
        // The dashboard's routes are checked through a cookie session, in their own table.
        var listed = Table.Select(row => $"{row.Method} {row.Route}")
            .Concat(Dashboard.DashboardAccessTests.Table.Select(row => $"{row.Method} {row.Route}")).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(listed, endpoints);
    }

    [Fact]
    public async Task WithoutAKeyOnlyAnonymousEndpointsAnswer()
    {
        foreach (var row in Table)
        {
            var status = await Send(row.Method, row.Path, role: null);
            if (row.Allowed.Contains(Anonymous))
                Assert.True(status == HttpStatusCode.OK || (row.Route.EndsWith("subscribeLabels", StringComparison.Ordinal) && status == HttpStatusCode.BadRequest),
                    $"{row.Method} {row.Path}: {status}");
            else Assert.True(status == HttpStatusCode.Unauthorized, $"{row.Method} {row.Path} without a key: {status}");
        }
    }

    [Fact]
    public async Task EachRoleIsAdmittedOrRefusedAsTheTableSays()
    {
        foreach (var row in Table.Where(r => !r.Allowed.Contains(Anonymous)))
        {
            foreach (var role in AllRoles)
            {
                var status = await Send(row.Method, row.Path, role);
                if (row.Allowed.Contains(role))
                    Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{row.Method} {row.Path} as {role}: {status}");
                else
                    Assert.True(status == HttpStatusCode.Forbidden, $"{row.Method} {row.Path} as {role}: {status}, expected 403");
            }
        }
    }

    [Fact]
    public void RolesMeanWhatOzoneMeans()
    {
        Assert.Equal(AllRoles, Permissions.RolesByPolicy[Permissions.Score]);
        Assert.Equal(Staff, Permissions.RolesByPolicy[Permissions.View]);
        Assert.Equal(Staff, Permissions.RolesByPolicy[Permissions.Escalate]);
        Assert.Equal([Roles.Admin, Roles.Moderator], Permissions.RolesByPolicy[Permissions.Decide]);
        Assert.Equal([Roles.Admin], Permissions.RolesByPolicy[Permissions.Administer]);
    }

    private async Task<HttpStatusCode> Send(string method, string path, string? role)
    {
        using var client = _host.Client(role);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        // A body the handler may reject (400): access is decided before the body is read.
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
