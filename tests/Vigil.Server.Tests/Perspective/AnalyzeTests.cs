using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Perspective;

public sealed class AnalyzeTests : IAsyncLifetime
{
    private const string Hateful = "The Jews deserve to be wiped out.";
    private const string Benign = "What a lovely morning for a walk in the park.";
    private TestServerHost _host = null!;

    public async Task InitializeAsync() => _host = await TestServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AHatefulCommentScoresHighAndABenignOneLow()
    {
        var hateful = await Analyze(new { comment = new { text = Hateful }, requestedAttributes = Attributes("TOXICITY", "ANTISEMITISM") });
        var benign = await Analyze(new { comment = new { text = Benign }, requestedAttributes = Attributes("TOXICITY", "ANTISEMITISM") });
        foreach (var attribute in new[] { "TOXICITY", "ANTISEMITISM" })
        {
            var high = Summary(hateful, attribute);
            var low = Summary(benign, attribute);
            Assert.True(high > low + 0.2 && low < 0.5, $"{attribute}: hateful {high}, benign {low}");
            Assert.Equal("PROBABILITY", hateful.GetProperty("attributeScores").GetProperty(attribute).GetProperty("summaryScore").GetProperty("type").GetString());
        }
        var taxonomy = hateful.GetProperty("attributeScores").GetProperty("ANTISEMITISM").GetProperty("taxonomy");
        Assert.True(taxonomy.GetProperty("flagged").GetBoolean());
        Assert.Equal("agreed-antisemitic", taxonomy.GetProperty("consensusClass").GetString());
        Assert.Equal(["en"], hateful.GetProperty("detectedLanguages").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task SpanScoresArePerSentenceInUtf16OffsetsWithAnExclusiveEnd()
    {
        // The emoji is two UTF-16 units, so a byte or code-point offset would put the second sentence elsewhere.
        var text = "🌞 " + Benign + " " + Hateful;
        var response = await Analyze(new { comment = new { text }, requestedAttributes = Attributes("ANTISEMITISM"), spanAnnotations = true });
        var spans = response.GetProperty("attributeScores").GetProperty("ANTISEMITISM").GetProperty("spanScores").EnumerateArray()
            .Select(s => (Begin: s.GetProperty("begin").GetInt32(), End: s.GetProperty("end").GetInt32(), Score: s.GetProperty("score").GetProperty("value").GetDouble()))
            .ToArray();
        Assert.Equal(2, spans.Length);
        Assert.Equal("🌞 " + Benign, text[spans[0].Begin..spans[0].End]);
        Assert.Equal(Hateful, text[spans[1].Begin..spans[1].End]);
        Assert.True(spans[1].Score > spans[0].Score + 0.2, $"{spans[0].Score} {spans[1].Score}");

        var withoutSpans = await Analyze(new { comment = new { text }, requestedAttributes = Attributes("ANTISEMITISM") });
        Assert.False(withoutSpans.GetProperty("attributeScores").GetProperty("ANTISEMITISM").TryGetProperty("spanScores", out _));
    }

    [Fact]
    public async Task AScoreUnderItsThresholdIsLeftOutAndVersionedNamesAreEchoed()
    {
        var response = await Analyze(new
        {
            comment = new { text = Benign },
            requestedAttributes = new Dictionary<string, object> { ["TOXICITY@6"] = new { scoreThreshold = 0.9 }, ["IDENTITY_ATTACK"] = new { } },
            clientToken = "t-1",
        });
        var scores = response.GetProperty("attributeScores");
        Assert.False(scores.TryGetProperty("TOXICITY@6", out _));
        Assert.True(scores.TryGetProperty("IDENTITY_ATTACK", out _));
        Assert.Equal("t-1", response.GetProperty("clientToken").GetString());

        var hateful = await Analyze(new { comment = new { text = Hateful }, requestedAttributes = new Dictionary<string, object> { ["TOXICITY@6"] = new { scoreThreshold = 0.1 } } });
        Assert.True(Summary(hateful, "TOXICITY@6") >= 0.1);
    }

    [Fact]
    public async Task HtmlTagsAreNotReadButOffsetsStayThoseOfTheHtml()
    {
        var html = "<p>" + Hateful + "</p>";
        var response = await Analyze(new { comment = new { text = html, type = "HTML" }, requestedAttributes = Attributes("ANTISEMITISM"), spanAnnotations = true });
        var span = response.GetProperty("attributeScores").GetProperty("ANTISEMITISM").GetProperty("spanScores")[0];
        Assert.Equal(Hateful, html[span.GetProperty("begin").GetInt32()..span.GetProperty("end").GetInt32()]);
        Assert.True(response.GetProperty("attributeScores").GetProperty("ANTISEMITISM").GetProperty("taxonomy").GetProperty("flagged").GetBoolean());
    }

    [Fact]
    public async Task EveryLanguageTheDetectorScoresIsServedAndEveryRequestFieldIsAccepted()
    {
        var german = await Analyze(new
        {
            comment = new { text = "Die Juden sind unser Unglück und sollen aus dem Land verschwinden, sagen sie und die anderen.", type = "PLAIN_TEXT" },
            context = new { entries = new[] { new { text = "Der Artikel davor.", type = "PLAIN_TEXT" } } },
            requestedAttributes = new Dictionary<string, object> { ["IDENTITY_ATTACK@1"] = new { scoreType = "PROBABILITY" } },
            languages = new[] { "de-DE" }, doNotStore = true, clientToken = "c-1", sessionId = "s-1", communityId = "forum", spanAnnotations = true,
        });
        Assert.Equal(["de"], german.GetProperty("detectedLanguages").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["de"], german.GetProperty("languages").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("c-1", german.GetProperty("clientToken").GetString());
        Assert.NotEmpty(german.GetProperty("attributeScores").GetProperty("IDENTITY_ATTACK@1").GetProperty("spanScores").EnumerateArray());
        Assert.Contains("de", Scoring.AttributeMapping.Languages);
        Assert.Equal(Vigil.Detection.Detector.ScoredLanguages, Scoring.AttributeMapping.Languages);
    }

    [Theory]
    [InlineData("""{"comment":{"text":"  "},"requestedAttributes":{"TOXICITY":{}}}""", "COMMENT_EMPTY")]
    [InlineData("""{"comment":{"text":"hello"}}""", "NO_REQUESTED_ATTRIBUTES")]
    [InlineData("""{"comment":{"text":"hello"},"requestedAttributes":{"TOXICITY":{}},"languages":["ja"]}""", "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE")]
    [InlineData("""{"comment":{"text":"ユダヤ人は出て行け。"},"requestedAttributes":{"TOXICITY":{}}}""", "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE")]
    [InlineData("""{"comment":{"text":"hello"},"requestedAttributes":{"INSULT":{}}}""", "INVALID_REQUEST")]
    [InlineData("""{"comment":{"text":"hello"},"requestedAttributes":{"TOXICITY":{"scoreType":"STD_DEV_SCORE"}}}""", "INVALID_REQUEST")]
    [InlineData("""{"comment":{"text":"hello"},"requestedAttributes":""", "INVALID_REQUEST")]
    public async Task RefusalsAreGoogleShapedWithPerspectivesErrorTypes(string body, string errorType)
    {
        using var client = _host.Client(Roles.Client);
        using var response = await client.PostAsync("/v1alpha1/comments:analyze", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.Equal(errorType, error.GetProperty("details")[0].GetProperty("errorType").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task ACommentOver20KbIsTooLong()
    {
        using var client = _host.Client(Roles.Client);
        using var response = await client.PostAsJsonAsync("/v1alpha1/comments:analyze",
            new { comment = new { text = new string('a', 20_481) }, requestedAttributes = Attributes("TOXICITY") });
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("COMMENT_TOO_LONG", error.GetProperty("details")[0].GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task TheKeyMayComeAsAQueryParameterAndAccessErrorsAreGoogleShaped()
    {
        using var anonymous = _host.Client();
        var body = new { comment = new { text = Benign }, requestedAttributes = Attributes("TOXICITY") };
        using var missing = await anonymous.PostAsJsonAsync("/v1alpha1/comments:analyze", body);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("UNAUTHENTICATED", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("status").GetString());
        using var byQuery = await anonymous.PostAsJsonAsync($"/v1alpha1/comments:analyze?key={Uri.EscapeDataString(_host.Token(Roles.Client))}", body);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
    }

    [Fact]
    public async Task TheTextOfAnAnalysedOrSuggestedCommentIsWrittenToNoLogAndNoFile()
    {
        const string marker = "zqxjmarker";
        await Analyze(new { comment = new { text = $"The Jews deserve to be wiped out {marker}." }, requestedAttributes = Attributes("TOXICITY"), doNotStore = true });
        using var client = _host.Client(Roles.Client);
        // A refused request too: errors must not echo the text either.
        await client.PostAsync("/v1alpha1/comments:analyze", new StringContent("""{"comment":{"text":"MARKER"},"requestedAttributes":{"NOPE":{}}}""".Replace("MARKER", marker),
            System.Text.Encoding.UTF8, "application/json"));
        // A suggestion is stored, as a label, but under the client's token: its text is not.
        await client.PostAsync("/v1alpha1/comments:suggestscore", new StringContent(
            """{"comment":{"text":"MARKER"},"attributeScores":{"ANTISEMITISM":{"summaryScore":{"value":1}}},"clientToken":"t-1"}""".Replace("MARKER", marker),
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(_host.Logs.Lines, line => line.Contains("comments:analyze", StringComparison.Ordinal));
        Assert.Contains(_host.Logs.Lines, line => line.Contains("comments:suggestscore", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains(marker, StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_host.DatabasePath)!))
            Assert.DoesNotContain(marker, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
    }

    private async Task<JsonElement> Analyze(object body)
    {
        using var client = _host.Client(Roles.Client);
        using var response = await client.PostAsJsonAsync("/v1alpha1/comments:analyze", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, object> Attributes(params string[] names) => names.ToDictionary(n => n, _ => (object)new { });

    private static double Summary(JsonElement response, string attribute) =>
        response.GetProperty("attributeScores").GetProperty(attribute).GetProperty("summaryScore").GetProperty("value").GetDouble();
}
