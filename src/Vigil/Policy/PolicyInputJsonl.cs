using System.Text.Json;
using Vigil.Model;
using Vigil.Text;

namespace Vigil.Policy;

/// <summary>A line that could not be read, set aside with its source and line number.</summary>
public sealed record PolicyInputRejection(string Source, int Line, string Reason);

/// <summary>
/// Reads policy inputs from JSON Lines, one post per line, for running the policy stage on its own
/// (<c>vigil policy apply</c>) before or without the full pipeline. Fields (snake_case): <c>post_id</c>,
/// <c>author_id</c>, <c>code</c>, <c>model_version</c> required; <c>target</c>, <c>explicitness</c>, <c>p_hateful</c>,
/// <c>p_antisemitic</c>, <c>confidence</c>, <c>language</c>, <c>posted_at</c>, <c>reach</c>, <c>bot_score</c>,
/// <c>cluster_id</c>, <c>jurisdiction</c> optional. The consensus class comes from the taxonomy table given (by default
/// the one in force), and the decisions cite that table's version.
/// </summary>
public static class PolicyInputJsonl
{
    public static IEnumerable<PolicyInput> Read(TextReader reader, string source, Action<PolicyInputRejection> onRejected,
        TaxonomyTable? taxonomy = null)
    {
        taxonomy ??= TaxonomyTable.Default;
        var lineNumber = 0;
        while (Utf8Input.TryReadLine(reader, out var line, out var invalidBytes))
        {
            lineNumber++;
            if (invalidBytes is not null)
            {
                onRejected(new PolicyInputRejection(source, lineNumber, invalidBytes));
                continue;
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            PolicyInput? input;
            string? problem;
            try
            {
                (input, problem) = Parse(line, taxonomy);
            }
            catch (InvalidOperationException) when (UnpairedSurrogate.Problem(line) is { } unpaired)
            {
                (input, problem) = (null, unpaired);
            }
            catch (JsonException e)
            {
                // System.Text.Json appends its own 0-based position; the line number here is the one that matters.
                var message = e.Message;
                var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
                (input, problem) = (null, $"not valid JSON ({(cut > 0 ? message[..cut] : message)})");
            }
            if (input is null)
            {
                onRejected(new PolicyInputRejection(source, lineNumber, problem!));
                continue;
            }
            yield return input;
        }
    }

    private static (PolicyInput?, string?) Parse(string line, TaxonomyTable taxonomy)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return (null, "expected a JSON object.");
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        double Number(string name, double fallback) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;

        var postId = Text("post_id");
        var authorId = Text("author_id");
        var model = Text("model_version");
        if (postId is null || authorId is null || model is null || Text("code") is null)
            return (null, "post_id, author_id, code and model_version are required strings.");
        if (!Kebab.TryParse<ContentCode>(Text("code")!, out var code)) return (null, $"code '{Text("code")}' is not a known content code.");
        var target = Target.JewsCollective;
        if (Text("target") is { } t && !Kebab.TryParse(t, out target)) return (null, $"target '{t}' is not a known target.");
        var explicitness = Explicitness.Explicit;
        if (Text("explicitness") is { } x && !Kebab.TryParse(x, out explicitness))
            return (null, $"explicitness '{x}' is not a known value.");
        var postedAt = default(DateTimeOffset);
        if (Text("posted_at") is { } p && !DateTimeOffset.TryParse(p, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out postedAt))
            return (null, $"posted_at '{p}' is not a date and time.");
        var pHateful = Number("p_hateful", 0);
        var pAntisemitic = Number("p_antisemitic", 0);
        var label = taxonomy.Label(code, target, explicitness);
        return (new PolicyInput
        {
            PostId = postId,
            AuthorId = authorId,
            PostedAt = postedAt,
            Reach = (long)Number("reach", 0),
            BotScore = Number("bot_score", 0),
            ClusterId = Text("cluster_id"),
            Jurisdiction = Text("jurisdiction"),
            Assessment = new Assessment
            {
                PostId = postId,
                PHateful = pHateful,
                PAntisemitic = pAntisemitic,
                Hateful = label.IsHateful,
                Antisemitic = label.IsAntisemitic,
                Label = label,
                CodeConfidence = Number("confidence", 1),
                Language = Text("language") ?? "en",
                ModelVersion = model,
                TaxonomyVersion = taxonomy.Version,
            },
        }, null);
    }
}
