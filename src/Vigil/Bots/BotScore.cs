namespace Vigil.Bots;

/// <summary>One feature's push on the score: its raw value and what it added to the log-odds (weight × standardised value).</summary>
public readonly record struct FeatureContribution(BotFeature Feature, double Value, double Contribution)
{
    public override string ToString() =>
        FormattableString.Invariant($"{BotFeatures.NameOf(Feature)}={Value:0.##} ({Signed(Contribution)})");

    /// <summary>Two decimals with an explicit sign; rounding first, because .NET prints a negative that rounds to zero as "-+0.00".</summary>
    internal static string Signed(double value) =>
        (Math.Round(value, 2) + 0.0).ToString("+0.00;-0.00", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A bot score with the features that drove it, strongest first.</summary>
public sealed record BotScore(string AccountId, double PBot, bool IsBot, IReadOnlyList<FeatureContribution> TopFeatures)
{
    /// <summary>The top features as one line of text: <c>a=1 (+0.50); b=2 (-0.20)</c>.</summary>
    public string TopFeaturesText => string.Join("; ", TopFeatures);
}
