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
    /// <summary>Antisemitic needs a Jewish subject; without one the probability is weighed by the target head.</summary>
    JewishSubject = 1 << 0,
    /// <summary>A slur used, not quoted or reported, is antisemitic.</summary>
    SlurSaidOutright = 1 << 1,
    /// <summary>Outside English, the antisemitic probability is the mean of the antisemitism and hateful heads.</summary>
    HateOutsideEnglish = 1 << 2,
    All = JewishSubject | SlurSaidOutright | HateOutsideEnglish,
}
