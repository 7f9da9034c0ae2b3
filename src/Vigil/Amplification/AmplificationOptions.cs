namespace Vigil.Amplification;

/// <summary>Settings for <see cref="AmplificationEngine"/>.</summary>
public sealed record AmplificationOptions
{
    /// <summary>An account whose bot probability is at or above this counts as a high-bot-score account.</summary>
    public double BotThreshold { get; init; } = 0.5;
}
