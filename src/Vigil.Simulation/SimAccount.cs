using Vigil.Model;

namespace Vigil.Simulation;

internal enum AccountRole
{
    Human,
    /// <summary>A bot acting alone: high volume, flat or bursty rhythm, its own links.</summary>
    SpamBot,
    /// <summary>A bot in a coordinated cluster.</summary>
    ClusterBot,
}

/// <summary>The simulator's working state for one account; times are milliseconds from the start of the run.</summary>
internal sealed class SimAccount(int index, AccountRole role)
{
    public int Index { get; } = index;
    public string Id { get; } = "u" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public AccountRole Role { get; } = role;
    public bool Bot => Role != AccountRole.Human;
    public int Cluster { get; init; } = -1;

    public string Handle { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>Negative: accounts exist before the run starts.</summary>
    public long CreatedMs { get; set; }
    public bool DefaultProfile { get; set; }
    public bool DefaultProfileImage { get; set; }
    public bool Verified { get; set; }
    public bool PaidTier { get; set; }
    public long HistoricalPosts { get; set; }
    public int SimulatedPosts { get; set; }

    /// <summary>Original posts per day.</summary>
    public double DailyRate { get; set; }
    /// <summary>Relative chance that an original post of this account is hateful (1 = average).</summary>
    public double HateProneness { get; set; }
    public int UtcOffsetHours { get; set; }

    public long SuspendedMs { get; set; } = long.MaxValue;
    public long RestoredMs { get; set; } = long.MaxValue;

    public int Followers { get; set; }
    public int Following { get; set; }

    public bool IsActiveAt(long ms) => ms < SuspendedMs || ms >= RestoredMs;

    public Account ToAccount(DateTimeOffset start, long endMs) => new()
    {
        Id = Id,
        Handle = Handle,
        DisplayName = DisplayName,
        CreatedAt = start.AddMilliseconds(CreatedMs),
        Followers = Followers,
        Following = Following,
        PostCount = HistoricalPosts + SimulatedPosts,
        Listed = Followers / 50,
        Verified = Verified,
        PaidTier = PaidTier,
        Description = Description,
        DefaultProfile = DefaultProfile,
        DefaultProfileImage = DefaultProfileImage,
        SuspendedAt = SuspendedMs < endMs ? start.AddMilliseconds(SuspendedMs) : null,
        RestoredAt = RestoredMs < endMs ? start.AddMilliseconds(RestoredMs) : null,
    };
}
