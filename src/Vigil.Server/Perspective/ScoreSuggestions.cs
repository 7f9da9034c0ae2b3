using System.Security.Cryptography;
using System.Text;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Storage;

namespace Vigil.Server.Perspective;

/// <summary>
/// <c>comments:suggestscore</c>: a client's own judgement of a comment becomes a consensus-class label in the decision
/// log (<see cref="LabelQueue"/>), from the reviewer <c>client-KEYID</c>, so measurement (<c>--labels-from-log</c>) and
/// its score recalibration read it like any reviewer's. The post is the client's <c>clientToken</c> (its own comment id,
/// matching the id it was ingested under) or, without one, a hash of the text; the note keeps the suggested values, the
/// <c>communityId</c> and the <c>clientToken</c>. The text itself is not stored.
/// </summary>
internal sealed class ScoreSuggestions(ServerOptions options, TimeProvider time)
{
    /// <summary>Suggestions at or above this are read as "yes, it is that".</summary>
    private const double Yes = 0.5;

    /// <exception cref="PerspectiveRequestException">The request is one Perspective would refuse, or holds no attribute Vigil labels.</exception>
    public async Task<SuggestCommentScoreResponse> SuggestAsync(SuggestCommentScoreRequest request, string keyId, CancellationToken ct)
    {
        var text = CommentAnalyzer.CheckedText(request.Comment);
        if (request.AttributeScores is not { Count: > 0 } suggested)
            throw new PerspectiveRequestException(PerspectiveRequestException.InvalidRequest, "attributeScores must suggest at least one attribute.");
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, score) in suggested)
        {
            var value = score?.SummaryScore?.Value ?? double.NaN;
            if (value is not (>= 0 and <= 1))
                throw new PerspectiveRequestException(PerspectiveRequestException.InvalidRequest, $"{key}: summaryScore.value must lie between 0 and 1.");
            values[key.Split('@')[0]] = value;
        }
        var label = Consensus(values)
            ?? throw new PerspectiveRequestException(PerspectiveRequestException.InvalidRequest,
                "Vigil's labels are consensus classes: suggest ANTISEMITISM (and IDENTITY_ATTACK for hate toward other groups); " +
                "TOXICITY alone, or an identity attack without ANTISEMITISM, does not say which class.");
        var postId = request.ClientToken is { Length: > 0 } token ? token : "text-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
        var note = $"perspective suggestscore {string.Join(' ', values.Select(v => $"{v.Key}={v.Value:0.###}"))}" +
                   $" community={request.CommunityId ?? "-"} clientToken={request.ClientToken ?? "-"}";
        await using var database = VigilDatabase.Open(options.DatabasePath, DatabaseAccess.Existing);
        await new LabelQueue(await database.LogAsync(ct), time).LabelAsync(postId, new HumanReviewer("client-" + keyId), label, note, ct);
        return new SuggestCommentScoreResponse(request.ClientToken);
    }

    /// <summary>
    /// The class the suggestion states: antisemitic; hate toward another group (an identity attack the client says is not
    /// antisemitic); or neutral (neither). Null when it does not say: no ANTISEMITISM and no IDENTITY_ATTACK, or an
    /// identity attack without saying whether it is antisemitic.
    /// </summary>
    private static ConsensusClass? Consensus(IReadOnlyDictionary<string, double> values)
    {
        var antisemitic = values.TryGetValue("ANTISEMITISM", out var a) ? a : (double?)null;
        var identityAttack = values.TryGetValue("IDENTITY_ATTACK", out var i) ? i : (double?)null;
        return (antisemitic, identityAttack) switch
        {
            ( >= Yes, _) => ConsensusClass.AgreedAntisemitic,
            (not null, >= Yes) => ConsensusClass.AgreedHate,
            (null, >= Yes) => null,
            (null, null) => null,
            _ => ConsensusClass.Neutral,
        };
    }
}
