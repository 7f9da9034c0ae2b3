namespace Vigil.Amplification;

/// <summary>
/// Reach of one original post and how much of it high-bot-score accounts and coordinated clusters carried.
/// "Amplifier" is the union (bot or cluster member), so it is not the sum of the two. Views are the post's
/// impressions split over the accounts that showed it (see <see cref="AmplificationEngine"/>), hence fractional.
/// </summary>
public sealed record PostAmplification(
    string PostId,
    string AuthorId,
    DateOnly Week,
    PostCategory Category,
    int Reposts,
    int BotReposts,
    int ClusterReposts,
    int AmplifierReposts,
    double Views,
    double BotViews,
    double ClusterViews,
    double AmplifierViews)
{
    public double BotRepostShare => Share(BotReposts, Reposts);
    public double ClusterRepostShare => Share(ClusterReposts, Reposts);
    public double BotViewShare => Share(BotViews, Views);
    public double ClusterViewShare => Share(ClusterViews, Views);
    public double AmplifierViewShare => Share(AmplifierViews, Views);

    internal static double Share(double part, double whole) => whole > 0 ? part / whole : 0;
}

/// <summary>The same figures summed over the original posts of one category created in one week (Monday, UTC).</summary>
public sealed record WeeklyAmplification(
    DateOnly Week,
    PostCategory Category,
    int Posts,
    int Reposts,
    int BotReposts,
    int ClusterReposts,
    int AmplifierReposts,
    double Views,
    double BotViews,
    double ClusterViews,
    double AmplifierViews)
{
    public double BotRepostShare => PostAmplification.Share(BotReposts, Reposts);
    public double ClusterRepostShare => PostAmplification.Share(ClusterReposts, Reposts);
    public double AmplifierRepostShare => PostAmplification.Share(AmplifierReposts, Reposts);
    public double BotViewShare => PostAmplification.Share(BotViews, Views);
    public double ClusterViewShare => PostAmplification.Share(ClusterViews, Views);
    public double AmplifierViewShare => PostAmplification.Share(AmplifierViews, Views);
}

/// <summary>Per-post rows (by post id) and per-week rows (by week, then category), ready to tabulate.</summary>
/// <param name="Posts">Every original post.</param>
/// <param name="Reposted">The rows of <paramref name="Posts"/> reposted at least once, in the same order: the ones with any
/// amplification to attribute. Every other post's reach is its own views, all of it its author's (on a 10M-post platform,
/// 586 thousand of 8.8 million).</param>
/// <param name="Weeks">Summed over every original post.</param>
public sealed record AmplificationReport(IReadOnlyList<PostAmplification> Posts, IReadOnlyList<PostAmplification> Reposted,
    IReadOnlyList<WeeklyAmplification> Weeks);
