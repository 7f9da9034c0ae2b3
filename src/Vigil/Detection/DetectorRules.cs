namespace Vigil.Detection;

/// <summary>
/// The rules of the layer over the model's probabilities (<see cref="VerdictRules"/>, applied in
/// <see cref="DetectorSession"/>), one flag each, so that <c>vigil eval --ablate</c> can measure what each adds on
/// held-out sets by switching it off alone. A rule stays in the product only while it earns its place there
/// (docs/EVALUATION.md, "Rule ablation").
/// </summary>
[Flags]
internal enum DetectorRules
{
    None = 0,
    /// <summary>Hate aimed at Jews raises <c>p_antisemitic</c> to the hate head's alarm.</summary>
    HateAtJewsIsAntisemitic = 1 << 0,
    /// <summary>Echoes and "holohoax"-type words are antisemitic whatever the model says.</summary>
    CodedForms = 1 << 1,
    /// <summary>A trope negated, or quoted or named to condemn or report it, is not flagged.</summary>
    ExemptContext = 1 << 2,
    /// <summary>Criticism of a state's government clears a text just above the threshold.</summary>
    GovernmentCriticism = 1 << 3,
    /// <summary>Contested political speech with no agreed form clears a text up to 0.30 above the threshold.</summary>
    ContestedSpeech = 1 << 4,
    /// <summary>A mention of Jews or Israel with no hostile word is only a mention just above the threshold.</summary>
    MereMention = 1 << 5,
    /// <summary>Antisemitic needs a Jewish subject; without one the probability is weighed by the target head.</summary>
    JewishSubject = 1 << 6,
    /// <summary>A slur used, not quoted or reported, is antisemitic.</summary>
    SlurSaidOutright = 1 << 7,
    /// <summary>An attack, a denial, a distortion or a code said outright flags a text above a low floor.</summary>
    StatementsSaidOutright = 1 << 8,
    /// <summary>Hateful needs a group target.</summary>
    GroupTarget = 1 << 9,
    /// <summary>The hate head's alarm on a text aimed at Jews does not stand as hate toward another group.</summary>
    HateAtJewsOverruled = 1 << 10,
    /// <summary>A group named with no hostile word is only a mention just above the hate threshold.</summary>
    MereGroupMention = 1 << 11,
    All = (1 << 12) - 1,
}
