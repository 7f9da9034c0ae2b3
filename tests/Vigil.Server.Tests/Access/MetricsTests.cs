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
        using var scored = await client.PostAsJsonAsync("/v1/moderations", new { input = new[] { "first zqxjmetric", "second" } });
        // Once seen failing on a loaded machine with no clue why: a refused request must say so, not look like a lost count.
        Assert.True(scored.IsSuccessStatusCode, $"{(int)scored.StatusCode}: {await scored.Content.ReadAsStringAsync()}");
        using var triage = host.Client(Roles.Triage);
        var scrape = await triage.GetStringAsync("/metrics");
        Assert.Matches(@"vigil_texts_scored_total\{[^}]*api=""openai""[^}]*\} 2(\.0)?\b", scrape);
        Assert.DoesNotContain("zqxjmetric", scrape);
    }
}
