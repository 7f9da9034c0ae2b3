using Vigil.Detection;
using Vigil.Model;

namespace Vigil.Server.Scoring;

/// <summary>
/// The one mapping from the detector's outputs to the attribute names of the compatible APIs: Perspective's attributes
/// and OpenAI's moderation categories. docs/API.md explains each line; when the detector gains an output (the encoder's
/// insult, profanity and threat heads), it is mapped here and nowhere else.
/// </summary>
internal static class AttributeMapping
{
    /// <summary>Perspective attributes Vigil answers, each read off one verdict as a probability.</summary>
    public static IReadOnlyDictionary<string, Func<Verdict, double>> Perspective { get; } = new Dictionary<string, Func<Verdict, double>>
    {
        // HateXplain's three-way head: anything not "normal" (offensive or hate speech) is toxic.
        ["TOXICITY"] = v => 1 - v.PNormal,
        // Its hate-speech class: the severe end of the same scale.
        ["SEVERE_TOXICITY"] = v => v.PHateSpeech,
        // Calibrated hate toward a protected group, Jews included.
        ["IDENTITY_ATTACK"] = v => v.PHateful,
        // Vigil's own: calibrated antisemitism, with the taxonomy beside it (see AttributeTaxonomy).
        ["ANTISEMITISM"] = v => v.PAntisemitic,
    };

    /// <summary>Perspective's other production attributes, which no Vigil output answers yet: asked for, they are refused.</summary>
    public static IReadOnlyList<string> PerspectiveNotModelled { get; } = ["INSULT", "PROFANITY", "THREAT"];

    /// <summary>Vigil's own attributes carry the taxonomy verdict beside the score.</summary>
    public static bool CarriesTaxonomy(string attribute) => attribute is "ANTISEMITISM" or "IDENTITY_ATTACK";

    /// <summary>Languages the detector scores; other texts are refused rather than scored as English.</summary>
    public static IReadOnlyList<string> Languages => Detector.ScoredLanguages;

    /// <summary>How an OpenAI moderation category is read off a verdict: a score, and whether it is flagged.</summary>
    internal sealed record Category(Func<Verdict, double> Score, Func<Verdict, bool> Flagged);

    /// <summary>
    /// OpenAI's thirteen categories in the order its responses list them; null for those Vigil does not model, which
    /// answer score 0, not flagged, and no applied input types.
    /// </summary>
    public static IReadOnlyList<(string Name, Category? Mapping)> OpenAi { get; } =
    [
        ("harassment", new Category(v => 1 - v.PNormal, v => 1 - v.PNormal >= 0.5)),
        ("harassment/threatening", new Category(v => Threatening(v) ? 1 - v.PNormal : 0, v => Threatening(v) && 1 - v.PNormal >= 0.5)),
        ("hate", new Category(v => v.PHateful, v => v.Hateful)),
        ("hate/threatening", new Category(v => Threatening(v) ? v.PHateful : 0, v => Threatening(v) && v.Hateful)),
        ("illicit", null),
        ("illicit/violent", null),
        ("self-harm", null),
        ("self-harm/intent", null),
        ("self-harm/instructions", null),
        ("sexual", null),
        ("sexual/minors", null),
        ("violence", null),
        ("violence/graphic", null),
    ];

    /// <summary>A threat, until a threat head lands: the rule layer's code for a call to violence.</summary>
    private static bool Threatening(Verdict v) => v.Code == ContentCode.IncitementViolence;
}
