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
    /// <summary>A repost chain longer than this is not followed: a malformed export could hold a repost cycle.</summary>
    private const int MaxRepostHops = 8;

    public AmplificationReport Attribute(AmplificationInput input) => Attribute(FrameOf(input));

    /// <summary>
    /// Attribution over dense indexes. Rows come in <see cref="AmplificationFrame.Originals"/> order and are made on
    /// demand from a few arrays, so a report over millions of posts is not millions of objects.
    /// </summary>
    internal AmplificationReport Attribute(AmplificationFrame frame)
    {
        var reposters = RepostersOf(frame);
        var n = frame.Originals.Length;
        var counts = new int[n * 4];
        var views = new double[n * 3];
        var reposted = new List<int>();
        for (var k = 0; k < n; k++)
        {
            var post = frame.Originals[k];
            double audience = FollowersOf(frame, frame.Author[post]);
            var accounts = reposters.Of(post);
            foreach (var account in accounts) audience += FollowersOf(frame, account);
            var sharers = accounts.Length + 1;

            int bots = 0, inClusters = 0, amplifiers = 0;
            double botViews = 0, clusterViews = 0, amplifierViews = 0;
            foreach (var account in accounts)
            {
                var share = audience > 0 ? frame.Views[post] * FollowersOf(frame, account) / audience : (double)frame.Views[post] / sharers;
                var isBot = frame.BotScore[account] >= options.BotThreshold;
                var isClustered = frame.Clustered[account];
                if (isBot) { bots++; botViews += share; }
                if (isClustered) { inClusters++; clusterViews += share; }
                if (isBot || isClustered) { amplifiers++; amplifierViews += share; }
            }
            (counts[4 * k], counts[4 * k + 1], counts[4 * k + 2], counts[4 * k + 3]) = (accounts.Length, bots, inClusters, amplifiers);
            (views[3 * k], views[3 * k + 1], views[3 * k + 2]) = (botViews, clusterViews, amplifierViews);
            if (accounts.Length > 0) reposted.Add(k);
        }
        var rows = new RowsOnDemand<PostAmplification>(n, k => Row(frame, counts, views, k));
        var repostedRows = new RowsOnDemand<PostAmplification>(reposted.Count, i => Row(frame, counts, views, reposted[i]));
        return new AmplificationReport(rows, repostedRows, Weekly(rows));
    }

    /// <summary>
    /// Who reposted each original, in the order the acts were read. Reposts are counted once per (account, original),
    /// a repost of a repost counts for the original, and self-reposts are left out.
    /// </summary>
    private static Reposters RepostersOf(AmplificationFrame frame)
    {
        var original = new int[frame.ActPost.Length];
        var seen = new HashSet<long>();
        var count = new int[frame.RepostOf.Length + 1];
        for (var i = 0; i < original.Length; i++)
        {
            var post = OriginalOf(frame, frame.ActPost[i]);
            var account = frame.ActAccount[i];
            if (post < 0 || frame.Author[post] == account || !seen.Add(((long)post << 32) | (uint)account)) post = -1;
            else count[post + 1]++;
            original[i] = post;
        }
        for (var p = 0; p < frame.RepostOf.Length; p++) count[p + 1] += count[p];
        var accounts = new int[count[^1]];
        var fill = count.AsSpan(0, frame.RepostOf.Length).ToArray();
        for (var i = 0; i < original.Length; i++)
            if (original[i] >= 0) accounts[fill[original[i]]++] = frame.ActAccount[i];
        return new Reposters(count, accounts);
    }

    /// <summary>Follows repost chains to the original; -1 when the original is not in the input.</summary>
    private static int OriginalOf(AmplificationFrame frame, int post)
    {
        for (var hop = 0; hop < MaxRepostHops; hop++)
        {
            if (post < 0) return -1;
            if (frame.RepostOf[post] == AmplificationFrame.Original) return post;
            post = frame.RepostOf[post];
        }
        return -1;
    }

    private static long FollowersOf(AmplificationFrame frame, int account) => Math.Max(0, frame.Followers[account]);

    /// <summary>Interns the ids of a list input into a frame, keeping the reading order of its acts.</summary>
    private static AmplificationFrame FrameOf(AmplificationInput input)
    {
        var posts = input.Posts;
        var postIndex = new Dictionary<string, int>(posts.Count, StringComparer.Ordinal);
        for (var p = 0; p < posts.Count; p++) postIndex.TryAdd(posts[p].Id, p);
        var accountIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var accountIds = new List<string>();
        int Account(string id)
        {
            if (!accountIndex.TryGetValue(id, out var a))
            {
                a = accountIds.Count;
                accountIndex.Add(id, a);
                accountIds.Add(id);
            }
            return a;
        }
        int Post(string id) => postIndex.TryGetValue(id, out var p) ? p : AmplificationFrame.Missing;

        var author = new int[posts.Count];
        var views = new long[posts.Count];
        var created = new long[posts.Count];
        var repostOf = new int[posts.Count];
        var category = new PostCategory[posts.Count];
        var actPost = new List<int>();
        var actAccount = new List<int>();
        for (var p = 0; p < posts.Count; p++)
        {
            var post = posts[p];
            author[p] = Account(post.AuthorId);
            views[p] = post.Views;
            created[p] = post.CreatedAt.ToUnixTimeMilliseconds();
            repostOf[p] = post.RepostOfId is { } of ? Post(of) : AmplificationFrame.Original;
            category[p] = input.Flags.TryGetValue(post.Id, out var flags) ? flags.Category : PostCategory.Other;
            if (post.RepostOfId is not null)
            {
                actPost.Add(repostOf[p]);
                actAccount.Add(author[p]);
            }
        }
        foreach (var interaction in input.Interactions)
        {
            if (interaction.Kind != InteractionKind.Repost) continue;
            actPost.Add(Post(interaction.PostId));
            actAccount.Add(Account(interaction.AccountId));
        }

        var clustered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in input.Clusters) clustered.UnionWith(cluster);
        var followers = new long[accountIds.Count];
        var botScore = new double[accountIds.Count];
        var inCluster = new bool[accountIds.Count];
        for (var a = 0; a < accountIds.Count; a++)
        {
            followers[a] = input.Followers.TryGetValue(accountIds[a], out var f) ? f : 0;
            botScore[a] = input.BotScores.TryGetValue(accountIds[a], out var s) ? s : double.NaN;
            inCluster[a] = clustered.Contains(accountIds[a]);
        }

        var originals = new List<int>();
        for (var p = 0; p < posts.Count; p++)
            if (posts[p].RepostOfId is null) originals.Add(p);
        originals.Sort((x, y) => string.CompareOrdinal(posts[x].Id, posts[y].Id));
        return new AmplificationFrame
        {
            Author = author, Views = views, CreatedMs = created, RepostOf = repostOf, Category = category, Followers = followers,
            BotScore = botScore, Clustered = inCluster, ActPost = [.. actPost], ActAccount = [.. actAccount], Originals = [.. originals],
            PostId = p => posts[p].Id, AccountId = a => accountIds[a],
        };
    }

    /// <summary>The Monday (UTC) of the week holding <paramref name="time"/>.</summary>
    internal static DateOnly WeekOf(DateTimeOffset time)
    {
        var day = DateOnly.FromDateTime(time.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static IReadOnlyList<WeeklyAmplification> Weekly(IReadOnlyList<PostAmplification> rows)
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

    private readonly record struct Reposters(int[] Start, int[] Accounts)
    {
        public ReadOnlySpan<int> Of(int post) => Accounts.AsSpan(Start[post], Start[post + 1] - Start[post]);
    }

    /// <summary>Row <paramref name="k"/> of the report, made from the frame and the attributed counts and views.</summary>
    private static PostAmplification Row(AmplificationFrame frame, int[] counts, double[] views, int k)
    {
        var post = frame.Originals[k];
        return new PostAmplification(frame.PostId(post), frame.AccountId(frame.Author[post]),
            WeekOf(DateTimeOffset.FromUnixTimeMilliseconds(frame.CreatedMs[post])), frame.Category[post],
            counts[4 * k], counts[4 * k + 1], counts[4 * k + 2], counts[4 * k + 3],
            frame.Views[post], views[3 * k], views[3 * k + 1], views[3 * k + 2]);
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
