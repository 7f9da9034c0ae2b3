using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;
using Vigil.Storage;

namespace Vigil.Server.Tests.Native;

/// <summary><c>vigil serve --policy</c>: decisions and appeals run under the operator's policy, not the shipped default.</summary>
public sealed class PolicyOptionTests
{
    [Fact]
    public async Task AppealsFollowTheServersPolicyNotTheDefault()
    {
        // The shipped policy with a one-day appeal window (the default allows 30) and its own version.
        var yaml = File.ReadAllText(RepositoryFile("policies", "default.yaml"))
            .Replace($"version: {EnforcementPolicy.Default.Version}", "version: server-test-1", StringComparison.Ordinal)
            .Replace("appeal_window_days: 30", "appeal_window_days: 1", StringComparison.Ordinal);
        var path = Path.Combine(Directory.CreateTempSubdirectory("vigil-policy-").FullName, "policy.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var policy = EnforcementPolicy.Load(path);
        Assert.Equal(1, policy.AppealWindowDays);

        await using var host = await TestServerHost.StartAsync(o => o with { Policy = policy });
        Assert.Equal("server-test-1", host.Services.GetRequiredService<LiveEnforcement>().Policy.Version);
        // A decision made three days ago: inside the default's window, outside this policy's.
        await using (var database = VigilDatabase.Open(host.DatabasePath, DatabaseAccess.CreateIfMissing))
        {
            var engine = await EnforcementEngine.OpenAsync(policy, await database.LogAsync(), new Fixed(DateTimeOffset.UtcNow.AddDays(-3)));
            await engine.ApplyAsync([SeededDecisions.Input("p1", "author1")]);
        }
        using var triage = host.Client(Roles.Triage);
        var decision = (await triage.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/posts/p1")).GetProperty("decisions")[0];
        Assert.Equal("server-test-1", decision.GetProperty("policyVersion").GetString());

        using var appeal = await triage.PostAsJsonAsync($"/api/v1/decisions/{Uri.EscapeDataString(decision.GetProperty("id").GetString()!)}/appeal",
            new { appellant = "author1", reason = "context" });
        Assert.Equal(HttpStatusCode.Conflict, appeal.StatusCode);
        Assert.Contains("1 days", await appeal.Content.ReadAsStringAsync());
    }

    private static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine([dir.FullName, .. parts]))) return Path.Combine([dir.FullName, .. parts]);
        throw new FileNotFoundException(string.Join('/', parts));
    }

    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
