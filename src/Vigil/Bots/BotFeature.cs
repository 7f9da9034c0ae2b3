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
    /// <summary>
    /// How far the lifetime posting rate is from a typical person's, either way (|ln(1 + rate) − ln(1 + 2)|): bought
    /// followers barely post and automated accounts post all day, so the sets' bots sit on both sides of people.
    /// </summary>
    PostingRateOddness,
    HandleLength,
    HandleDigits,
    /// <summary>Longest run of digits in the handle: generated handles end in long runs (<c>anna83920471</c>).</summary>
    HandleDigitRun,
    DisplayNameLength,
    /// <summary>1 when the display name is the handle again (case, spaces and punctuation aside): nobody chose a name.</summary>
    NameIsHandle,
    DescriptionLength,
    /// <summary>1 when the description holds a link: promotion accounts point somewhere.</summary>
    DescriptionHasLink,
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

    /// <summary>
    /// The account declares itself automated (Mastodon's <c>bot</c> flag). Weak evidence added at a fixed weight
    /// (<see cref="BotScorer.DeclaredBotLogOdds"/>), never a trained feature: no research set carries the flag.
    /// </summary>
    DeclaredBot,

    // From the coordination stage (CoordinationSignal); absent where it did not run (profile-only sources, training sets).

    /// <summary>ln(1 + the number of other accounts it acted in step with): co-reposts, co-posts, shared links, replies.</summary>
    CoActors,
    /// <summary>
    /// 1 when the account is in a coordinated cluster. Weak evidence added at a fixed weight
    /// (<see cref="BotScorer.ClusterMemberLogOdds"/>) by a model without a weight of its own: no research set has posts
    /// to find clusters in.
    /// </summary>
    ClusterMember,
}
