namespace Vigil.Simulation;

/// <summary>
/// What to simulate. Everything that shapes the output is here, so a seed plus these options reproduce the same bytes.
/// </summary>
public sealed record SimulationOptions
{
    public int Seed { get; init; } = 1;
    public int Accounts { get; init; } = 2_000;
    public int Days { get; init; } = 28;
    /// <summary>First simulated day (UTC midnight). Weeks in the truth file are counted from here.</summary>
    public DateOnly Start { get; init; } = new(2026, 1, 5);
    /// <summary>Day from which hateful posts rise; null means a little after the middle of the run.</summary>
    public DateOnly? RiseDate { get; init; }
    /// <summary>How many times more likely an original post is hateful from <see cref="RiseDate"/> on.</summary>
    public double RiseFactor { get; init; } = 2.0;
    /// <summary>Share of original posts that are hateful before the rise.</summary>
    public double BaseHatefulRate { get; init; } = 0.03;
    public double BotShare { get; init; } = 0.12;
    /// <summary>Coordinated clusters; null scales with <see cref="Accounts"/> (4 for 2,000 accounts).</summary>
    public int? Clusters { get; init; }
    /// <summary>A labelled CSV (<c>text,label[,target,explicitness]</c>) to draw texts from instead of the grammar.</summary>
    public string? TextsPath { get; init; }

    public const int MinAccounts = 200;
    public const int MaxDays = 366;

    public DateOnly EffectiveRiseDate => RiseDate ?? Start.AddDays(Days * 4 / 7);

    public int EffectiveClusters => Clusters ?? Math.Max(4, Accounts / 500);

    /// <summary>Problems with these options, each a sentence naming the option; empty when they can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Accounts < MinAccounts) errors.Add($"--accounts must be at least {MinAccounts} (got {Accounts}).");
        if (Days is < 1 or > MaxDays) errors.Add($"--days must be between 1 and {MaxDays} (got {Days}).");
        if (RiseDate is { } rise && (rise < Start || rise > Start.AddDays(Days)))
            errors.Add($"--rise-date {rise:yyyy-MM-dd} is outside the simulated days {Start:yyyy-MM-dd}..{Start.AddDays(Days):yyyy-MM-dd}.");
        if (RiseFactor is < 0 or > 20) errors.Add($"--rise-factor must be between 0 and 20 (got {RiseFactor}).");
        if (BaseHatefulRate is < 0 or > 0.4) errors.Add($"--base-rate must be between 0 and 0.4 (got {BaseHatefulRate}).");
        if (BaseHatefulRate * RiseFactor > 0.8) errors.Add("--base-rate times --rise-factor must stay below 0.8.");
        if (BotShare is < 0.01 or > 0.5) errors.Add($"--bot-share must be between 0.01 and 0.5 (got {BotShare}).");
        if (Clusters is < 0) errors.Add($"--clusters must not be negative (got {Clusters}).");
        return errors;
    }
}
