using Vigil.Amplification;

namespace Vigil.Bots;

/// <summary>
/// One thing that moved a bot score, in a moderator's words ("follows 2,300 accounts"), which way it pushed, and what a
/// typical account shows instead when the model knows ("follows 310 accounts"; null when it does not).
/// </summary>
public sealed record BotReason(string Fact, bool TowardsBot, string? Typical = null)
{
    private const string Opening = " (towards ";
    private const string TypicalLead = ", a typical account: ";

    /// <summary>Separates the reasons of one score in the stored line: no fact contains it.</summary>
    public const string Separator = "; ";

    /// <summary><c>follows 2,300 accounts (towards bot, a typical account: follows 310 accounts)</c>.</summary>
    public override string ToString() =>
        Fact + Opening + (TowardsBot ? "bot" : "person") + (Typical is null ? "" : TypicalLead + Typical) + ")";

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
        return stored.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParsePart).ToArray();
    }

    private static BotReason ParsePart(string part)
    {
        var open = part.LastIndexOf(Opening, StringComparison.Ordinal);
        if (open < 0 || !part.EndsWith(')')) return new BotReason(part, true);
        var inside = part[(open + Opening.Length)..^1];
        var lead = inside.IndexOf(TypicalLead, StringComparison.Ordinal);
        var direction = lead < 0 ? inside : inside[..lead];
        if (direction is not ("bot" or "person")) return new BotReason(part, true);
        return new BotReason(part[..open], direction == "bot", lead < 0 ? null : inside[(lead + TypicalLead.Length)..]);
    }
}
