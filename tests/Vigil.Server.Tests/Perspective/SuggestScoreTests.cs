using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.DecisionLog;
using Vigil.Measurement;
using Vigil.Model;
using Vigil.Server.Access;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Perspective;

public sealed class SuggestScoreTests : IAsyncLifetime
{
    private TestServerHost _host = null!;

    public async Task InitializeAsync() => _host = await TestServerHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ASuggestionBecomesThatClientsLabelWhichMeasurementReads()
    {
        const string text = "A comment the platform's moderators judged.";
        var response = await Suggest(new
        {
            comment = new { text },
            attributeScores = new Dictionary<string, object> { ["ANTISEMITISM"] = new { summaryScore = new { value = 0.9 } } },
            communityId = "forum-7",
            clientToken = "comment-42",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("comment-42", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientToken").GetString());

        var labels = ReviewLabels.Read(await ReadLogAsync());
        var annotation = Assert.Single(labels.For("comment-42"));
        Assert.Equal(ConsensusClass.AgreedAntisemitic, annotation.Label);
        Assert.StartsWith("client-", annotation.Annotator);
        Assert.Empty(labels.Ignored);
        var e = Assert.Single(await ReadLogAsync(), x => x.Type == DecisionEventType.Labelled);
        Assert.Contains("community=forum-7", e.Payload);
        Assert.Contains("clientToken=comment-42", e.Payload);
        Assert.DoesNotContain(text, e.Payload);
    }

    [Theory]
    [InlineData("""{"comment":{"text":"x"},"attributeScores":{"TOXICITY":{"summaryScore":{"value":0.9}}}}""")]
    [InlineData("""{"comment":{"text":"x"},"attributeScores":{"IDENTITY_ATTACK":{"summaryScore":{"value":0.9}}}}""")]
    [InlineData("""{"comment":{"text":"x"},"attributeScores":{"ANTISEMITISM":{"summaryScore":{"value":1.5}}}}""")]
    [InlineData("""{"comment":{"text":"x"}}""")]
    public async Task ASuggestionThatStatesNoClassIsRefusedAndNothingIsStored(string body)
    {
        using var client = _host.Client(Roles.Client);
        using var response = await client.PostAsync("/v1alpha1/comments:suggestscore", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("details")[0].GetProperty("errorType").GetString());
        Assert.DoesNotContain(await ReadLogAsync(), e => e.Type == DecisionEventType.Labelled);
    }

    private async Task<HttpResponseMessage> Suggest(object body)
    {
        using var client = _host.Client(Roles.Client);
        return await client.PostAsJsonAsync("/v1alpha1/comments:suggestscore", body);
    }

    private async Task<List<DecisionEvent>> ReadLogAsync()
    {
        await using var database = Vigil.Storage.VigilDatabase.Open(_host.DatabasePath, Vigil.Storage.DatabaseAccess.Existing);
        return await (await database.LogAsync()).ReadAllAsync().ToListAsync();
    }
}
