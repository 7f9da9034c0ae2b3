using Vigil.Model;

namespace Vigil.Bots;

/// <summary>
/// What one source tells about an account, with <c>null</c> for what it does not hold. Research data sets, platform
/// exports and X API objects all carry different subsets; keeping the gaps explicit (rather than zero) is what lets one
/// feature definition serve all of them without inventing values.
/// </summary>
public sealed record AccountProfile
{
    public required string Id { get; init; }
    /// <summary>The handle text when known; some data sets give only its length (<see cref="HandleLength"/>).</summary>
    public string? Handle { get; init; }
    public int? HandleLength { get; init; }
    public string? DisplayName { get; init; }
    /// <summary>The description text when known; some data sets give only its length (<see cref="DescriptionLength"/>).</summary>
    public string? Description { get; init; }
    public int? DescriptionLength { get; init; }
    public double? Followers { get; init; }
    public double? Following { get; init; }
    public double? Posts { get; init; }
    public double? Listed { get; init; }
    /// <summary>Account age in days at the time the counts were taken (not at scoring time).</summary>
    public double? AgeDays { get; init; }
    /// <summary>When the account was created, for sources read before the observation time is known (<see cref="ObservedAt"/>).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
    public bool? Verified { get; init; }
    public bool? PaidTier { get; init; }
    public bool? DefaultProfile { get; init; }
    public bool? DefaultProfileImage { get; init; }
    /// <summary>
    /// The account's own declaration that it is automated (Mastodon's <c>bot</c> flag). Not a label and not a model
    /// feature: no research set carries it, so it enters the score as fixed weak evidence (<see cref="BotScorer"/>).
    /// </summary>
    public bool? DeclaredBot { get; init; }

    /// <summary>
    /// The part of a handle its owner chose: <c>anna</c> of Mastodon's <c>anna@example.social</c> and of Bluesky's
    /// <c>anna.bsky.social</c>. An X handle has neither separator and is kept whole; handle features then mean the
    /// same thing on every platform.
    /// </summary>
    internal static string LocalPart(string handle)
    {
        var local = handle.TrimStart('@');
        var end = local.IndexOfAny(['@', '.']);
        return end > 0 ? local[..end] : local;
    }

    /// <summary>
    /// A profile from a platform export. <paramref name="countsTakenAt"/> is when the export's counts were taken: age
    /// is measured to then, so an old export does not make every account look older than it was.
    /// </summary>
    internal static AccountProfile FromAccount(Account account, DateTimeOffset countsTakenAt) => FromAccount(account).ObservedAt(countsTakenAt);

    /// <summary>The profile with its age measured to <paramref name="observed"/>, when it has a creation time and no age yet.</summary>
    public AccountProfile ObservedAt(DateTimeOffset observed) =>
        AgeDays is null && CreatedAt is { } created ? this with { AgeDays = Math.Max(0, (observed - created).TotalDays) } : this;

    /// <summary>A profile from a platform export, its age still to be measured (<see cref="ObservedAt"/>).</summary>
    internal static AccountProfile FromAccount(Account account) => new()
    {
        Id = account.Id,
        Handle = LocalPart(account.Handle),
        HandleLength = LocalPart(account.Handle).Length,
        DisplayName = account.DisplayName,
        Description = account.Description,
        DescriptionLength = account.Description.Length,
        Followers = account.Followers,
        Following = account.Following,
        Posts = account.PostCount,
        Listed = account.Listed,
        CreatedAt = account.CreatedAt == default ? null : account.CreatedAt,
        Verified = account.Verified,
        PaidTier = account.PaidTier,
        DefaultProfile = account.DefaultProfile,
        DefaultProfileImage = account.DefaultProfileImage,
    };
}
