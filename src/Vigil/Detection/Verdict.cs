using Vigil.Model;

namespace Vigil.Detection;

/// <summary>
/// Everything the detector says about one text, as a value: the batch path fills one per row without allocating.
/// <see cref="Assessment"/> is the record form other stages store.
/// </summary>
public readonly record struct Verdict
{
    public double PHateful { get; init; }
    public bool Hateful { get; init; }
    public double PAntisemitic { get; init; }
    public bool Antisemitic { get; init; }
    /// <summary>HateXplain's scheme: hate speech, offensive, normal (sums to 1).</summary>
    public double PHateSpeech { get; init; }
    public double POffensive { get; init; }
    public double PNormal { get; init; }
    /// <summary>Who the text is about, coarse: Jews, another protected group, or no group (sums to 1).</summary>
    public double PTargetJews { get; init; }
    public double PTargetOther { get; init; }
    public double PTargetNone { get; init; }
    public Target Target { get; init; }
    public ContentCode Code { get; init; }
    public double CodeConfidence { get; init; }
    public ConsensusClass Consensus { get; init; }
    public Explicitness Explicitness { get; init; }
    public string Language { get; init; }
    public bool LanguageSupported { get; init; }
    /// <summary>
    /// The text reads as English: it holds an English function word, or at least no accented Latin letter (ą, ã, ñ, ü)
    /// that says otherwise. <see cref="Language"/> is "en" also when the evidence is too thin to name any language (a
    /// short Polish post without a Polish function word): enough for the n-gram stage, trained on every language, not
    /// for the English-only encoder.
    /// </summary>
    internal bool ReadsAsEnglish { get; init; }
    /// <summary>The text holds an English function word: positive evidence of English, not only the want of another.</summary>
    internal bool HoldsEnglishWord { get; init; }
    /// <summary>The text was longer than the scoring bound and only its beginning was read.</summary>
    public bool Truncated { get; init; }
}
