namespace Vigil.Detection;

/// <summary>
/// One stage's calibrated head probabilities for a text, with the thresholds that stage decides at. The n-gram stage
/// and the encoder stage each produce one; <see cref="DetectorSession"/> turns either into a <see cref="Verdict"/> with
/// the same rules, so both stages give the same columns.
/// </summary>
internal readonly record struct StageScores
{
    public double PAntisemitic { get; init; }
    public double AntisemiticThreshold { get; init; }
    public double PHateful { get; init; }
    public double HatefulThreshold { get; init; }
    /// <summary>HateXplain's scheme: hate speech, offensive, normal (sums to 1).</summary>
    public double PHateSpeech { get; init; }
    public double POffensive { get; init; }
    public double PNormal { get; init; }
    /// <summary>Who the text is about: Jews, another protected group, no group (sums to 1).</summary>
    public double PTargetJews { get; init; }
    public double PTargetOther { get; init; }
    public double PTargetNone { get; init; }
}
