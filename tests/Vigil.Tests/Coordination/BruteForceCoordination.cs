using Vigil.Coordination;

namespace Vigil.Tests.Coordination;

/// <summary>
/// The toolkit's SQL, transcribed literally as an O(n²) loop over all message pairs: the reference the fast engine is
/// checked against. Only for small inputs.
/// </summary>
internal static class BruteForceCoordination
{
    public static List<CoordinationEdge> Edges(IReadOnlyList<CoordinationMessage> messages, CoordinationOptions options)
    {
        var normalized = messages.Select(m => CoordinationText.NormalizeForCoTweet(m.Text)).ToArray();
        var tokens = messages.Select(m => CoordinationText.TokenSet(m.Text)).ToArray();
        var weights = new Dictionary<(string, string), int>();
        for (var i = 0; i < messages.Count; i++)
        {
            var partners = new HashSet<string>();
            for (var j = 0; j < messages.Count; j++)
            {
                var a = messages[i];
                var b = messages[j];
                if (i == j || a.UserId == b.UserId) continue;
                if (b.Timestamp < a.Timestamp - options.WindowSeconds || b.Timestamp > a.Timestamp + options.WindowSeconds) continue;
                if (Matches(options, a, b, normalized[i], normalized[j], tokens[i], tokens[j])) partners.Add(b.UserId);
            }
            foreach (var partner in partners)
                weights[(messages[i].UserId, partner)] = weights.GetValueOrDefault((messages[i].UserId, partner)) + 1;
        }
        return weights.Where(kv => kv.Value >= options.MinWeight)
            .Select(kv => new CoordinationEdge(kv.Key.Item1, kv.Key.Item2, kv.Value))
            .OrderBy(e => e.User1, StringComparer.Ordinal).ThenBy(e => e.User2, StringComparer.Ordinal)
            .ToList();
    }

    private static bool Matches(CoordinationOptions options, CoordinationMessage a, CoordinationMessage b,
        string normalizedA, string normalizedB, HashSet<string> tokensA, HashSet<string> tokensB) => options.Type switch
    {
        CoordinationType.CoRetweet => a.RepostId is not null && a.RepostId == b.RepostId,
        CoordinationType.CoTweet => a.RepostId is null && b.RepostId is null && normalizedA == normalizedB,
        CoordinationType.CoReply => a.RepostId is null && b.RepostId is null && a.ReplyId is not null && a.ReplyId == b.ReplyId,
        CoordinationType.CoLink => a.RepostId is null && b.RepostId is null
            && a.Urls.Where(u => !string.IsNullOrWhiteSpace(u)).Intersect(b.Urls).Any(),
        CoordinationType.CoPost => true,
        CoordinationType.CoSimilar => a.RepostId is null && b.RepostId is null
            && tokensA.Count >= Math.Max(1, options.MinSimilarityTokens) && tokensB.Count >= Math.Max(1, options.MinSimilarityTokens)
            && (double)tokensA.Intersect(tokensB).Count() / tokensA.Union(tokensB).Count() >= options.SimilarityThreshold,
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    };
}
