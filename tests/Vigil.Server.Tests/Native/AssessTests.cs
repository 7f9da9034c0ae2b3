using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Native;

public sealed class AssessTests : IAsyncLifetime
{
    private TestServerHost _host = null!;

    public async Task InitializeAsync() => _host = await TestServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EachTextGetsTheVerdictTaxonomyAndEvidenceSpansInItsOwnOffsets()
    {
        const string hateful = "(((They))) don't want you to know who really runs the news.";
        const string benign = "What a lovely morning for a walk in the park.";
        using var client = _host.Client(Roles.Client);
        using var response = await client.PostAsJsonAsync("/api/v1/assess", new { texts = new[] { new { id = "p1", text = hateful }, new { id = "p2", text = benign } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var assessments = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assessments").EnumerateArray().ToArray();
        Assert.Equal(["p1", "p2"], assessments.Select(a => a.GetProperty("id").GetString()));
        var (high, low) = (assessments[0], assessments[1]);
        Assert.True(high.GetProperty("antisemitic").GetBoolean());
        Assert.Equal("agreed-antisemitic", high.GetProperty("consensusClass").GetString());
        Assert.Equal("coded-antisemitism", high.GetProperty("code").GetString());
        Assert.False(low.GetProperty("hateful").GetBoolean());
        Assert.Equal("neutral", low.GetProperty("consensusClass").GetString());
        var spans = high.GetProperty("evidence").EnumerateArray().ToArray();
        Assert.NotEmpty(spans);
        // Each span names the word it points at: the offsets are the text's own (UTF-16).
        foreach (var span in spans)
        {
            var word = hateful.Substring(span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32());
            var feature = span.GetProperty("feature").GetString()!;
            Assert.Equal(feature[(feature.IndexOf(':') + 1)..], word.ToLowerInvariant());
        }
        Assert.Contains(spans, s => s.GetProperty("feature").GetString()!.StartsWith("coded:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"texts":[]}""")]
    [InlineData("""{"texts":[{"id":"a"}]}""")]
    public async Task ABadRequestIsAProblemDetails(string body)
    {
        using var client = _host.Client(Roles.Client);
        using var response = await client.PostAsync("/api/v1/assess", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }
}
