using Vigil.Model;

namespace Vigil.Bots;

/// <summary>
/// The one feature definition used both to train the bot model and to score accounts: a vector indexed by
/// <see cref="BotFeature"/>, with <c>NaN</c> where the source does not hold what a feature needs.
/// </summary>
public static class BotFeatures
{
    internal static readonly int Count = Enum.GetValues<BotFeature>().Length;

    private static readonly string[] Names = Enum.GetValues<BotFeature>().Select(Kebab.From).ToArray();

    public static string NameOf(BotFeature feature) => Names[(int)feature];
    public static string NameOf(int index) => Names[index];

    /// <summary>Whether the feature comes from ingested posts rather than the profile (they follow the profile ones in the enum).</summary>
    internal static bool IsBehaviour(BotFeature feature) => feature is >= BotFeature.ObservedPostsPerDay and < BotFeature.DeclaredBot;

    public static bool TryParse(string name, out BotFeature feature) => Kebab.TryParse(name, out feature);

    /// <summary>
    /// Each account's feature vector as training sees it (indexed by <see cref="BotFeature"/>; <c>NaN</c> where the set
    /// does not hold a value or withholds it), in the set's order: what <c>vigil bots features</c> exports.
    /// </summary>
    public static IReadOnlyList<double[]> Table(LabelledSet set) =>
        FeatureSet.From(set, relativeToPopulation: false).Rows.Select(row => row.Features).ToArray();

    /// <summary>
    /// Fills <paramref name="into"/> (length <see cref="Count"/>) from a profile and, when posts were ingested, their
    /// behaviour and, when the coordination stage ran, what it found.
    /// </summary>
    internal static void Extract(AccountProfile profile, PostingBehaviour? behaviour, CoordinationSignal? coordination, Span<double> into)
    {
        if (into.Length != Count) throw new ArgumentException($"expected a span of {Count} features", nameof(into));
        var followers = profile.Followers;
        var following = profile.Following;
        Set(into, BotFeature.LogFollowing, LogCount(following));
        Set(into, BotFeature.FollowerFollowingRatio,
            followers is { } f && following is { } g ? Math.Log((1 + f) / (1 + g)) : double.NaN);
        Set(into, BotFeature.LogPosts, LogCount(profile.Posts));
        Set(into, BotFeature.LogAgeDays, LogCount(profile.AgeDays));
        Set(into, BotFeature.LogPostsPerDay,
            profile.Posts is { } p && profile.AgeDays is { } age ? Math.Log(1 + p / Math.Max(1, age)) : double.NaN);
        Set(into, BotFeature.PostingRateOddness,
            profile.Posts is { } n && profile.AgeDays is { } days ? Math.Abs(Math.Log(1 + n / Math.Max(1, days)) - Math.Log(1 + TypicalPostsPerDay)) : double.NaN);
        Set(into, BotFeature.HandleLength, profile.HandleLength ?? profile.Handle?.Length ?? double.NaN);
        Set(into, BotFeature.HandleDigits, profile.Handle is { } handle ? CountDigits(handle) : double.NaN);
        Set(into, BotFeature.HandleDigitRun, profile.Handle is { } h ? LongestDigitRun(h) : double.NaN);
        Set(into, BotFeature.DisplayNameLength, profile.DisplayName?.Length ?? double.NaN);
        Set(into, BotFeature.NameIsHandle,
            profile.Handle is { } named && profile.DisplayName is { } name ? (SameLetters(named, name) ? 1 : 0) : double.NaN);
        Set(into, BotFeature.DescriptionLength, profile.DescriptionLength ?? profile.Description?.Length ?? double.NaN);
        Set(into, BotFeature.DescriptionHasLink, profile.Description is { } text ? (HasLink(text) ? 1 : 0) : double.NaN);
        Set(into, BotFeature.ListedPerFollowers,
            profile.Listed is { } listed && followers is { } fl ? Math.Log(1 + 1000 * listed / (1 + fl)) : double.NaN);
        Set(into, BotFeature.Verified, Flag(profile.Verified));
        Set(into, BotFeature.PaidTier, Flag(profile.PaidTier));
        Set(into, BotFeature.DefaultProfile, Flag(profile.DefaultProfile));
        Set(into, BotFeature.DefaultProfileImage, Flag(profile.DefaultProfileImage));

        var b = behaviour ?? NoBehaviour;
        Set(into, BotFeature.ObservedPostsPerDay, Math.Log(1 + b.PostsPerDay));
        Set(into, BotFeature.GapVariation, b.GapVariation);
        Set(into, BotFeature.GapEntropy, b.GapEntropy);
        Set(into, BotFeature.RepostShare, b.RepostShare);
        Set(into, BotFeature.ReplyShare, b.ReplyShare);
        Set(into, BotFeature.DuplicateTextShare, b.DuplicateTextShare);
        Set(into, BotFeature.HashtagDiversity, b.HashtagDiversity);
        Set(into, BotFeature.LinkDiversity, b.LinkDiversity);
        Set(into, BotFeature.HourEntropy, b.HourEntropy);
        Set(into, BotFeature.BurstShare, b.BurstShare);
        Set(into, BotFeature.DeclaredBot, Flag(profile.DeclaredBot));
        Set(into, BotFeature.CoActors, coordination is null ? double.NaN : Math.Log(1 + coordination.CoActors));
        Set(into, BotFeature.ClusterMember, coordination is null ? double.NaN : coordination.InCluster ? 1 : 0);
    }

    private static readonly PostingBehaviour NoBehaviour = new();

    /// <summary>Lifetime posts per day of a typical person, a fixed reference (not fitted, so it cannot learn a set).</summary>
    public const double TypicalPostsPerDay = 2;

    private static void Set(Span<double> into, BotFeature feature, double value) => into[(int)feature] = value;

    private static double LogCount(double? count) => count is { } c ? Math.Log(1 + Math.Max(0, c)) : double.NaN;

    private static double Flag(bool? flag) => flag is { } f ? (f ? 1 : 0) : double.NaN;

    /// <summary>Letters and digits equal, ignoring case and everything else: "anna_b" and "Anna B" match.</summary>
    private static bool SameLetters(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !char.IsLetterOrDigit(a[i])) i++;
            while (j < b.Length && !char.IsLetterOrDigit(b[j])) j++;
            if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length && a.Length > 0;
            if (char.ToLowerInvariant(a[i]) != char.ToLowerInvariant(b[j])) return false;
            i++;
            j++;
        }
    }

    private static bool HasLink(string text) =>
        text.Contains("http://", StringComparison.OrdinalIgnoreCase) || text.Contains("https://", StringComparison.OrdinalIgnoreCase) ||
        text.Contains("www.", StringComparison.OrdinalIgnoreCase);

    private static int CountDigits(string text)
    {
        var digits = 0;
        foreach (var c in text) if (char.IsAsciiDigit(c)) digits++;
        return digits;
    }

    private static int LongestDigitRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
