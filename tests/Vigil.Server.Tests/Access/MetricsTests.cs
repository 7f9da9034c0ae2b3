using System.Net.Http.Json;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Access;

public sealed class MetricsTests
{
    [Fact]
    public async Task ScoredTextsAreCountedPerApiAndNoTextIsExported()
    {
        await using var host = await TestServerHost.StartAsync();
        using var client = host.Client(Roles.Client);
        await client.PostAsJsonAsync("/v1/moderations", new { input = new[] { "first zqxjmetric", "second" } });
        using var triage = host.Client(Roles.Triage);
        var scrape = await triage.GetStringAsync("/metrics");
        Assert.Matches(@"vigil_texts_scored_total\{[^}]*api=""openai""[^}]*\} 2(\.0)?\b", scrape);
        Assert.DoesNotContain("zqxjmetric", scrape);
    }
}
