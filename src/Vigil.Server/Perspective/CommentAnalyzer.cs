using System.Text;
using Vigil.Detection;
using Vigil.Detection.Cascade;
using Vigil.Model;
using Vigil.Server.Scoring;
using Vigil.Text;

namespace Vigil.Server.Perspective;

/// <summary>
/// <c>comments:analyze</c>: checks a request as Perspective does (same error types), scores the comment with the
/// detector, and answers each requested attribute through <see cref="AttributeMapping"/>; with <c>spanAnnotations</c>,
/// each sentence is scored on its own and reported at its UTF-16 offsets (end exclusive). A score under the attribute's
/// <c>scoreThreshold</c> is left out, as Perspective leaves it out. Nothing is stored.
/// </summary>
internal sealed class CommentAnalyzer(CascadeDetector detector)
{
    /// <summary>Perspective's own limit on a comment: 20 KB of UTF-8.</summary>
    public const int MaxCommentBytes = 20_480;

    /// <exception cref="PerspectiveRequestException">The request is one Perspective would refuse.</exception>
    public AnalyzeCommentResponse Analyze(AnalyzeCommentRequest request)
    {
        var text = CheckedText(request.Comment);
        var attributes = CheckedAttributes(request.RequestedAttributes);
        if (request.Languages is { Length: > 0 } asked && asked.FirstOrDefault(l => !AttributeMapping.Languages.Contains(Primary(l))) is { } unsupported)
            throw LanguageError(attributes, unsupported);

        var (verdict, _) = detector.Score(text, explain: false);
        if (!verdict.LanguageSupported) throw LanguageError(attributes, verdict.Language);
        var sentences = request.SpanAnnotations == true ? ScoreSentences(text) : null;
        var scores = new Dictionary<string, AttributeScores>(StringComparer.Ordinal);
        foreach (var (requested, name, threshold) in attributes)
        {
            var read = AttributeMapping.Perspective[name];
            var summary = read(verdict);
            if (summary < threshold) continue;
            var spans = sentences?.Select(s => new SpanScore(s.Start, s.End, new Score(read(s.Verdict))))
                .Where(s => s.Score.Value >= threshold).ToArray();
            scores[requested] = new AttributeScores(new Score(summary), spans,
                AttributeMapping.CarriesTaxonomy(name) ? Taxonomy(verdict, name) : null);
        }
        // Perspective's languages are those it scored in: the detector's own reading of the text, whatever the request said.
        return new AnalyzeCommentResponse(scores, [verdict.Language], [verdict.Language], request.ClientToken);
    }

    /// <summary>The comment as the detector should read it: HTML tags blanked out, so offsets stay those of the original.</summary>
    internal static string CheckedText(TextEntry? comment)
    {
        if (comment?.Text is not { } text || string.IsNullOrWhiteSpace(text))
            throw new PerspectiveRequestException(PerspectiveRequestException.CommentEmpty, "Comment must be non-empty.");
        if (comment.Type is not (null or "PLAIN_TEXT" or "HTML"))
            throw new PerspectiveRequestException(PerspectiveRequestException.InvalidRequest, $"comment.type must be PLAIN_TEXT or HTML, not '{comment.Type}'.");
        if (Encoding.UTF8.GetByteCount(text) > MaxCommentBytes)
            throw new PerspectiveRequestException(PerspectiveRequestException.CommentTooLong, $"Comment must be at most {MaxCommentBytes} bytes of UTF-8.");
        return comment.Type == "HTML" ? BlankTags(text) : text;
    }

    private static List<(string Requested, string Name, double Threshold)> CheckedAttributes(
        Dictionary<string, RequestedAttribute?>? requested)
    {
        if (requested is null || requested.Count == 0)
            throw new PerspectiveRequestException(PerspectiveRequestException.NoRequestedAttributes,
                "Request must specify at least one attribute in requestedAttributes.");
        var attributes = new List<(string, string, double)>();
        foreach (var (key, options) in requested)
        {
            // NAME@VERSION asks for a model version; Vigil serves one version of each attribute.
            var name = key.Split('@')[0];
            if (!AttributeMapping.Perspective.ContainsKey(name))
            {
                var why = AttributeMapping.PerspectiveNotModelled.Contains(name) ? "is not modelled by this server" : "is unknown";
                throw new PerspectiveRequestException(PerspectiveRequestException.InvalidRequest,
                    $"Attribute {name} {why}; requestable: {string.Join(", ", AttributeMapping.Perspective.Keys)}.");
            }
            if (options?.ScoreType is not (null or "PROBABILITY"))
                throw new PerspectiveRequestException(PerspectiveRequestException.InvalidRequest, $"{key}: scoreType must be PROBABILITY.");
            if (options?.ScoreThreshold is < 0 or > 1)
                throw new PerspectiveRequestException(PerspectiveRequestException.InvalidRequest, $"{key}: scoreThreshold must lie between 0 and 1.");
            attributes.Add((key, name, options?.ScoreThreshold ?? 0));
        }
        return attributes;
    }

    private List<(int Start, int End, Verdict Verdict)> ScoreSentences(string text) =>
        SentenceSpans.Split(text).Select(s => (s.Start, s.End, detector.Score(text[s.Start..s.End], explain: false).Verdict)).ToList();

    private TaxonomyVerdict Taxonomy(in Verdict verdict, string attribute) => new(
        attribute == "ANTISEMITISM" ? verdict.Antisemitic : verdict.Hateful,
        Kebab.From(verdict.Code), Kebab.From(verdict.Target), Kebab.From(verdict.Consensus), Kebab.From(verdict.Explicitness),
        detector.ModelVersion, detector.TaxonomyVersion);

    private static PerspectiveRequestException LanguageError(List<(string Requested, string Name, double Threshold)> attributes, string language) =>
        new(PerspectiveRequestException.LanguageNotSupported,
            $"Attribute {attributes[0].Name} does not support request languages: {language} (Vigil scores {string.Join(", ", AttributeMapping.Languages)}).");

    /// <summary>"en-US" → "en".</summary>
    private static string Primary(string language) => language.Split('-', '_')[0].ToLowerInvariant();

    /// <summary>Replaces every character of every tag with a space, so offsets into the result are offsets into the HTML.</summary>
    private static string BlankTags(string html) => string.Create(html.Length, html, static (span, source) =>
    {
        var inTag = false;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '<') inTag = true;
            span[i] = inTag ? ' ' : c;
            if (c == '>') inTag = false;
        }
    });
}
