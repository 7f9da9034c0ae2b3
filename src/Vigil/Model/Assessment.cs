namespace Vigil.Model;

/// <summary>A span of the original text (UTF-16 offsets into <see cref="Post.Text"/>) that moved a verdict.</summary>
public sealed record EvidenceSpan(int Start, int Length, string Feature, double Weight);

/// <summary>
/// What the detector says about one post: calibrated probabilities, the taxonomy label, the evidence, and the versions
/// that produced it, so any downstream number can be traced back.
/// </summary>
public sealed record Assessment
{
    public required string PostId { get; init; }
    public double PHateful { get; init; }
    public bool Hateful { get; init; }
    public double PAntisemitic { get; init; }
    public bool Antisemitic { get; init; }
    public required ContentLabel Label { get; init; }
    /// <summary>Probability of the most likely code, a confidence for <see cref="ContentLabel.Code"/>.</summary>
    public double CodeConfidence { get; init; }
    /// <summary>Detected language (ISO 639-1); when unsupported, the probabilities are not meaningful and are 0.</summary>
    public string Language { get; init; } = "en";
    public bool LanguageSupported { get; init; } = true;
    public IReadOnlyList<EvidenceSpan> Evidence { get; init; } = [];
    public required string ModelVersion { get; init; }
    public required string TaxonomyVersion { get; init; }
}
