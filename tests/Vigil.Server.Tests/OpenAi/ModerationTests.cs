using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.OpenAi;

public sealed class ModerationTests : IAsyncLifetime
{
    /// <summary>A call to violence against Jews: hate, and threatening.</summary>
    private const string Hateful = "We should kill all the Jews at the synagogue.";
    private const string Benign = "What a lovely morning for a walk in the park.";
    private static readonly string[] Categories =
    [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent", "self-harm",
        "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic",
    ];
    private TestServerHost _host = null!;

    public async Task InitializeAsync() => _host = await TestServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EachStringGetsAResultWithAllThirteenCategories()
    {
        var response = await Moderate(new { input = new[] { Hateful, Benign }, model = "text-moderation-stable" });
        Assert.StartsWith("modr-", response.GetProperty("id").GetString());
        Assert.Equal("text-moderation-stable", response.GetProperty("model").GetString());
        var results = response.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        foreach (var result in results)
        {
            foreach (var field in new[] { "categories", "category_scores", "category_applied_input_types" })
                Assert.Equal(Categories, result.GetProperty(field).EnumerateObject().Select(p => p.Name));
        }
        var (hateful, benign) = (results[0], results[1]);
        Assert.True(hateful.GetProperty("flagged").GetBoolean());
        Assert.True(hateful.GetProperty("categories").GetProperty("hate").GetBoolean());
        Assert.True(hateful.GetProperty("categories").GetProperty("hate/threatening").GetBoolean());
        Assert.False(benign.GetProperty("flagged").GetBoolean());
        Assert.True(hateful.GetProperty("category_scores").GetProperty("hate").GetDouble()
                    > benign.GetProperty("category_scores").GetProperty("hate").GetDouble() + 0.2);
        // Modelled categories were applied to the text; the others to nothing, and score 0.
        Assert.Equal(["text"], hateful.GetProperty("category_applied_input_types").GetProperty("hate").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(hateful.GetProperty("category_applied_input_types").GetProperty("sexual").EnumerateArray());
        Assert.Equal(0, hateful.GetProperty("category_scores").GetProperty("self-harm").GetDouble());
    }

    [Theory]
    [InlineData(Vigil.Detection.Cascade.ScoringMode.Cascade)]
    [InlineData(Vigil.Detection.Cascade.ScoringMode.Fast)]
    public async Task TheApiAnswersWhatTheServingDetectorScoresInItsMode(Vigil.Detection.Cascade.ScoringMode mode)
    {
        await using var host = await TestServerHost.StartAsync(o => o with { ScoringMode = mode });
        using var client = host.Client(Roles.Client);
        // English with emoji: the cascade's encoder decides it, the first stage alone otherwise.
        const string text = "you lot are all 🐀🐀 and should go back";
        using var http = await client.PostAsJsonAsync("/v1/moderations", new { input = text });
        var result = (await http.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        var serving = host.Services.GetRequiredService<Vigil.Detection.Cascade.CascadeDetector>();
        var (verdict, _) = serving.Score(text, explain: false);
        Assert.Equal(serving.ModelVersion, result.GetProperty("vigil").GetProperty("model_version").GetString());
        Assert.Equal(mode == Vigil.Detection.Cascade.ScoringMode.Cascade, serving.ModelVersion.Contains("+vigil-encoder", StringComparison.Ordinal));
        Assert.Equal(verdict.Hateful, result.GetProperty("categories").GetProperty("hate").GetBoolean());
    }

    [Fact]
    public async Task AStringAndTextPartsAreOneResultEach()
    {
        var single = await Moderate(new { input = Hateful });
        Assert.Equal("omni-moderation-latest", single.GetProperty("model").GetString());
        Assert.Single(single.GetProperty("results").EnumerateArray());
        var parts = await Moderate(new { input = new object[] { new { type = "text", text = "Look at this." }, new { type = "text", text = Hateful } } });
        var result = Assert.Single(parts.GetProperty("results").EnumerateArray());
        Assert.True(result.GetProperty("categories").GetProperty("hate").GetBoolean());
    }

    [Theory]
    [InlineData("""{"input":[{"type":"image_url","image_url":{"url":"https://example.org/a.png"}}]}""", "input", "image_input_not_supported")]
    [InlineData("""{"input":"hello","model":"gpt-4o"}""", "model", "model_not_found")]
    [InlineData("""{"model":"omni-moderation-latest"}""", "input", "missing_required_parameter")]
    [InlineData("""{"input":[]}""", "input", "invalid_value")]
    [InlineData("""{"input":42}""", "input", "invalid_value")]
    [InlineData("""{"input":""", null, "invalid_json")]
    public async Task RefusalsAreOpenAiShaped(string body, string? param, string code)
    {
        using var client = _host.Client(Roles.Client);
        using var response = await client.PostAsync("/v1/moderations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task AccessErrorsAreOpenAiShaped()
    {
        using var anonymous = _host.Client();
        using var response = await anonymous.PostAsJsonAsync("/v1/moderations", new { input = Benign });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<JsonElement> Moderate(object body)
    {
        using var client = _host.Client(Roles.Client);
        using var response = await client.PostAsJsonAsync("/v1/moderations", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
