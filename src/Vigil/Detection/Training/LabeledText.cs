namespace Vigil.Detection.Training;

public enum DataSplit { Train, Dev, Test }

/// <summary>
/// One text with whatever labels its data set gives, harmonised onto the detector's heads. A head a data set says
/// nothing about is <see cref="Unknown"/> and that row does not train it.
/// </summary>
public sealed record LabeledText(string Source, DataSplit Split, string Text)
{
    public const int Unknown = -1;
    /// <summary>Hate speech, offensive, normal.</summary>
    public const int Hx3Hate = 0, Hx3Offensive = 1, Hx3Normal = 2;
    /// <summary>Jews, another protected group, no group.</summary>
    public const int TargetJews = 0, TargetOther = 1, TargetNone = 2;

    public int Antisemitic { get; init; } = Unknown;
    public int Hateful { get; init; } = Unknown;
    public int Hx3 { get; init; } = Unknown;
    public int Target { get; init; } = Unknown;
    /// <summary>A teacher's probability (<see cref="Distillation"/>): a soft target for the head, used when the hard label is unknown.</summary>
    public float? SoftAntisemitic { get; init; }
    public float? SoftHateful { get; init; }
    /// <summary>The data set's language (ISO 639-1), for per-language evaluation.</summary>
    public string Language { get; init; } = "en";
    /// <summary>Rows a data set holds for evaluation only: never trained on, whatever their split.</summary>
    public bool EvaluationOnly { get; init; }
}
