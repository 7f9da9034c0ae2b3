using Vigil.Model;

namespace Vigil.Amplification;

/// <summary>
/// Attributes the reach of original posts to the accounts that reposted them, and reports how much of it came from
/// high-bot-score accounts and from coordinated clusters, per post and per week.
/// </summary>
/// <remarks>
/// <para><b>Reposts</b> are counted once per (account, post): a repost post and a repost interaction for the same act
/// are one repost. A repost of a repost is a repost of the original. Self-reposts are left out: they open the post to
/// no new audience.</para>
/// <para><b>Views</b> are the original's impression count (on X a repost's impressions are counted on the original).
/// Platforms do not say which impressions came through which repost, so views are split in proportion to the audience
/// each account opened the post to: the author's followers and each reposter's followers. A reposter with 200 of the
/// 1,000 followers involved is credited with a fifth of the views. It over-credits accounts whose followers never see
/// the repost, and credits nothing to a zero-follower bot whose repost only games ranking; both are limits of any
/// export without impression provenance. When no one involved has followers, views are split equally.</para>
/// <para><b>Weeks</b> start on Monday, UTC, and a post's reach belongs to the week it was created in, since impression
/// counts carry no time.</para>
/// </remarks>
public sealed class AmplificationEngine(AmplificationOptions options)
{
    public AmplificationReport Attribute(AmplificationInput input)
    {
        var followers = input.Followers;
        var clustered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in input.Clusters) clustered.UnionWith(cluster);

        var byId = new Dictionary<string, Post>(input.Posts.Count, StringComparer.Ordinal);
        foreach (var post in input.Posts) byId[post.Id] = post;

        var reposters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new HashSet<(string Post, string Account)>();
        foreach (var post in input.Posts)
            if (post.RepostOfId is not null) AddRepost(post.RepostOfId, post.AuthorId);
        foreach (var interaction in input.Interactions)
            if (interaction.Kind == InteractionKind.Repost) AddRepost(interaction.PostId, interaction.AccountId);

        void AddRepost(string postId, string accountId)
        {
            if (Original(byId, postId) is not { } original || original.AuthorId == accountId) return;
            if (!seen.Add((original.Id, accountId))) return;
            if (!reposters.TryGetValue(original.Id, out var list)) reposters[original.Id] = list = [];
            list.Add(accountId);
        }

        var rows = new List<PostAmplification>();
        foreach (var post in input.Posts)
        {
            if (post.RepostOfId is not null) continue;
            var category = input.Flags.TryGetValue(post.Id, out var flags) ? flags.Category : PostCategory.Other;
            rows.Add(Attribute(post, category, reposters.GetValueOrDefault(post.Id) ?? [], followers, input.BotScores, clustered));
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.PostId, b.PostId));
        return new AmplificationReport(rows, Weekly(rows));
    }

    private PostAmplification Attribute(Post post, PostCategory category, List<string> reposters,
        IReadOnlyDictionary<string, long> followers, IReadOnlyDictionary<string, double> botScores, HashSet<string> clustered)
    {
        double audience = FollowersOf(followers, post.AuthorId);
        foreach (var account in reposters) audience += FollowersOf(followers, account);
        var sharers = reposters.Count + 1;

        int bots = 0, inClusters = 0, amplifiers = 0;
        double botViews = 0, clusterViews = 0, amplifierViews = 0;
        foreach (var account in reposters)
        {
            var views = audience > 0 ? post.Views * FollowersOf(followers, account) / audience : (double)post.Views / sharers;
            var isBot = botScores.TryGetValue(account, out var p) && p >= options.BotThreshold;
            var isClustered = clustered.Contains(account);
            if (isBot) { bots++; botViews += views; }
            if (isClustered) { inClusters++; clusterViews += views; }
            if (isBot || isClustered) { amplifiers++; amplifierViews += views; }
        }
        return new PostAmplification(post.Id, post.AuthorId, WeekOf(post.CreatedAt), category, reposters.Count, bots,
            inClusters, amplifiers, post.Views, botViews, clusterViews, amplifierViews);
    }

    private static long FollowersOf(IReadOnlyDictionary<string, long> followers, string account) =>
        followers.TryGetValue(account, out var count) ? Math.Max(0, count) : 0;

    /// <summary>Follows repost chains to the original; null when the original is not in the input.</summary>
    private static Post? Original(Dictionary<string, Post> byId, string postId)
    {
        // Bounded: a malformed export could hold a repost cycle.
        for (var hop = 0; hop < 8; hop++)
        {
            if (!byId.TryGetValue(postId, out var post)) return null;
            if (post.RepostOfId is null) return post;
            postId = post.RepostOfId;
        }
        return null;
    }

    /// <summary>The Monday (UTC) of the week holding <paramref name="time"/>.</summary>
    public static DateOnly WeekOf(DateTimeOffset time)
    {
        var day = DateOnly.FromDateTime(time.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static IReadOnlyList<WeeklyAmplification> Weekly(List<PostAmplification> rows)
    {
        var weeks = new SortedDictionary<(DateOnly Week, PostCategory Category), WeekTotals>();
        foreach (var r in rows)
        {
            if (!weeks.TryGetValue((r.Week, r.Category), out var totals)) weeks[(r.Week, r.Category)] = totals = new WeekTotals();
            totals.Add(r);
        }
        var result = new List<WeeklyAmplification>(weeks.Count);
        foreach (var ((week, category), t) in weeks)
            result.Add(new WeeklyAmplification(week, category, t.Posts, t.Reposts, t.BotReposts, t.ClusterReposts,
                t.AmplifierReposts, t.Views, t.BotViews, t.ClusterViews, t.AmplifierViews));
        return result;
    }

    private sealed class WeekTotals
    {
        public int Posts, Reposts, BotReposts, ClusterReposts, AmplifierReposts;
        public double Views, BotViews, ClusterViews, AmplifierViews;

        public void Add(PostAmplification r)
        {
            Posts++;
            Reposts += r.Reposts;
            BotReposts += r.BotReposts;
            ClusterReposts += r.ClusterReposts;
            AmplifierReposts += r.AmplifierReposts;
            Views += r.Views;
            BotViews += r.BotViews;
            ClusterViews += r.ClusterViews;
            AmplifierViews += r.AmplifierViews;
        }
    }
}
