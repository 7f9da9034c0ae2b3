using System.Globalization;
using Vigil.Model;

namespace Vigil.Amplification;

/// <summary>
/// The columns and cell text of amplification results, defined once for every table they appear in (CSV files, the
/// HTML report, the console). Counts are integers, views and shares invariant-culture decimals.
/// </summary>
internal static class AmplificationTable
{
    public static readonly IReadOnlyList<string> PostColumns =
    [
        "post_id", "author_id", "week", "category", "reposts", "bot_reposts", "cluster_reposts", "amplifier_reposts",
        "views", "bot_views", "cluster_views", "amplifier_views",
    ];

    public static readonly IReadOnlyList<string> WeekColumns =
    [
        "week", "category", "posts", "reposts", "bot_reposts", "cluster_reposts", "amplifier_reposts", "views",
        "bot_views", "cluster_views", "amplifier_views", "bot_view_share", "cluster_view_share", "amplifier_view_share",
    ];

    public static IReadOnlyList<string> Row(PostAmplification r) =>
    [
        r.PostId, r.AuthorId, Day(r.Week), Kebab.From(r.Category), Int(r.Reposts), Int(r.BotReposts),
        Int(r.ClusterReposts), Int(r.AmplifierReposts), Num(r.Views), Num(r.BotViews), Num(r.ClusterViews),
        Num(r.AmplifierViews),
    ];

    public static IReadOnlyList<string> Row(WeeklyAmplification r) =>
    [
        Day(r.Week), Kebab.From(r.Category), Int(r.Posts), Int(r.Reposts), Int(r.BotReposts), Int(r.ClusterReposts),
        Int(r.AmplifierReposts), Num(r.Views), Num(r.BotViews), Num(r.ClusterViews), Num(r.AmplifierViews),
        Num(r.BotViewShare), Num(r.ClusterViewShare), Num(r.AmplifierViewShare),
    ];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
