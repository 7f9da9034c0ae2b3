using Vigil.Amplification;

namespace Vigil.Bots;

/// <summary>One thing that moved a bot score, in a moderator's words ("follows 2,300 accounts"), and which way it pushed.</summary>
public sealed record BotReason(string Fact, bool TowardsBot)
{
    private const string BotSuffix = " (towards bot)";
    private const string PersonSuffix = " (towards person)";

    /// <summary>Separates the reasons of one score in the stored line: no fact contains it.</summary>
    public const string Separator = "; ";

    public override string ToString() => Fact + (TowardsBot ? BotSuffix : PersonSuffix);

    /// <summary>The reasons as the one line the scorer stores with each score (<see cref="StoredBotScore.TopFeatures"/>).</summary>
    public static string Join(IEnumerable<BotReason> reasons) => string.Join(Separator, reasons);

    /// <summary>
    /// The reasons of a score read back from the stored analysis, strongest first: what a moderator sees beside the
    /// score (the server's account endpoint, the dashboard). The inverse of <see cref="Join"/>; a part written by an
    /// older release without a direction is kept whole with <see cref="TowardsBot"/> true when its text says nothing.
    /// </summary>
    public static IReadOnlyList<BotReason> Of(StoredBotScore score) => Parse(score.TopFeatures);

    /// <inheritdoc cref="Of"/>
    public static IReadOnlyList<BotReason> Parse(string stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return [];
        return stored.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.EndsWith(PersonSuffix, StringComparison.Ordinal) ? new BotReason(part[..^PersonSuffix.Length], false)
                : part.EndsWith(BotSuffix, StringComparison.Ordinal) ? new BotReason(part[..^BotSuffix.Length], true)
                : new BotReason(part, true))
            .ToArray();
    }
}
