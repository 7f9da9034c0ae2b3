namespace Vigil.Model;

/// <summary>
/// An account as a platform export describes it. Counts are as of the export, not derived from ingested posts.
/// <see cref="Id"/> is the platform's own id and the key that makes re-ingest idempotent.
/// </summary>
public sealed record Account
{
    public required string Id { get; init; }
    public required string Handle { get; init; }
    public string DisplayName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public long Followers { get; init; }
    public long Following { get; init; }
    public long PostCount { get; init; }
    public long Listed { get; init; }
    public bool Verified { get; init; }
    /// <summary>Paid verification tier (e.g. X Premium) as opposed to organisational or legacy verification.</summary>
    public bool PaidTier { get; init; }
    public string Description { get; init; } = "";
    public bool DefaultProfile { get; init; }
    public bool DefaultProfileImage { get; init; }
    /// <summary>When the platform suspended the account, if it did; history is kept after a restore.</summary>
    public DateTimeOffset? SuspendedAt { get; init; }
    public DateTimeOffset? RestoredAt { get; init; }
}
