namespace Vigil.Bots;

/// <summary>
/// The account features, in vector order. Names in model files are the kebab-case spelling (<see cref="Model.Kebab"/>).
/// Counts enter as logs and ratios: raw counts differ by orders of magnitude between data sets and eras, logs of ratios
/// travel better. There is no log-followers: it equals the ratio plus log-following, and a linear model given all three
/// splits one effect into large opposing weights that make the per-account explanations unreadable.
/// </summary>
public enum BotFeature
{
    LogFollowing,
    /// <summary>ln((1 + followers) / (1 + following)): follow-back farming and fake followers both show here.</summary>
    FollowerFollowingRatio,
    LogPosts,
    LogAgeDays,
    LogPostsPerDay,
    HandleLength,
    HandleDigits,
    /// <summary>Longest run of digits in the handle: generated handles end in long runs (<c>anna83920471</c>).</summary>
    HandleDigitRun,
    DisplayNameLength,
    DescriptionLength,
    /// <summary>ln(1 + lists per thousand followers): people curate lists of people.</summary>
    ListedPerFollowers,
    Verified,
    PaidTier,
    DefaultProfile,
    DefaultProfileImage,

    // Behaviour in the ingested posts (PostingBehaviour); absent for profile-only sources.
    ObservedPostsPerDay,
    GapVariation,
    GapEntropy,
    RepostShare,
    ReplyShare,
    DuplicateTextShare,
    HashtagDiversity,
    LinkDiversity,
    HourEntropy,
    BurstShare,
}
