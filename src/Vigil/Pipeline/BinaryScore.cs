namespace Vigil.Pipeline;

/// <summary>A confusion count for one yes/no question, and the figures read off it.</summary>
public readonly record struct BinaryScore(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public BinaryScore Add(bool predicted, bool actual) => (predicted, actual) switch
    {
        (true, true) => this with { TruePositives = TruePositives + 1 },
        (true, false) => this with { FalsePositives = FalsePositives + 1 },
        (false, true) => this with { FalseNegatives = FalseNegatives + 1 },
        _ => this with { TrueNegatives = TrueNegatives + 1 },
    };

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
