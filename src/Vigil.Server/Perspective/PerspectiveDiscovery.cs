namespace Vigil.Server.Perspective;

/// <summary>
/// The Google API discovery document of Perspective (commentanalyzer v1alpha1), reduced to what clients read: Google's
/// Node and Python samples build their client from it (<c>google.discoverAPI(URL)</c>), so pointing that URL at Vigil is
/// the whole migration. Its <c>rootUrl</c> is this server as the request reached it.
/// </summary>
internal static class PerspectiveDiscovery
{
    public static object Document(string rootUrl) => new Dictionary<string, object>
    {
        ["kind"] = "discovery#restDescription",
        ["discoveryVersion"] = "v1",
        ["id"] = "commentanalyzer:v1alpha1",
        ["name"] = "commentanalyzer",
        ["version"] = "v1alpha1",
        ["title"] = "Perspective Comment Analyzer API (served by Vigil)",
        ["protocol"] = "rest",
        ["rootUrl"] = rootUrl,
        ["servicePath"] = "",
        ["baseUrl"] = rootUrl,
        ["batchPath"] = "batch",
        ["parameters"] = new Dictionary<string, object>
        {
            ["key"] = new { type = "string", location = "query", description = "A Vigil API key (vigil keys create)." },
            ["alt"] = new { type = "string", location = "query", @default = "json" },
        },
        ["resources"] = new Dictionary<string, object>
        {
            ["comments"] = new Dictionary<string, object>
            {
                ["methods"] = new Dictionary<string, object>
                {
                    ["analyze"] = Method("analyze", "AnalyzeCommentRequest", "AnalyzeCommentResponse"),
                    ["suggestscore"] = Method("suggestscore", "SuggestCommentScoreRequest", "SuggestCommentScoreResponse"),
                },
            },
        },
        ["schemas"] = new Dictionary<string, object>
        {
            ["AnalyzeCommentRequest"] = new { id = "AnalyzeCommentRequest", type = "object" },
            ["AnalyzeCommentResponse"] = new { id = "AnalyzeCommentResponse", type = "object" },
            ["SuggestCommentScoreRequest"] = new { id = "SuggestCommentScoreRequest", type = "object" },
            ["SuggestCommentScoreResponse"] = new { id = "SuggestCommentScoreResponse", type = "object" },
        },
    };

    private static object Method(string name, string request, string response) => new Dictionary<string, object>
    {
        ["id"] = $"commentanalyzer.comments.{name}",
        ["path"] = $"v1alpha1/comments:{name}",
        ["flatPath"] = $"v1alpha1/comments:{name}",
        ["httpMethod"] = "POST",
        ["parameters"] = new Dictionary<string, object>(),
        ["parameterOrder"] = Array.Empty<string>(),
        ["request"] = new Dictionary<string, string> { ["$ref"] = request },
        ["response"] = new Dictionary<string, string> { ["$ref"] = response },
    };
}
