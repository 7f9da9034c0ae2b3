using System.Globalization;
using Vigil.Ingest;
using Vigil.Model;

namespace Vigil.Simulation;

/// <summary>
/// Writes the simulated platform as Vigil JSONL (accounts, posts in time order, interactions in time order) and the
/// truth file. Post ids are given in time order, so a later id is never older than an earlier one.
/// </summary>
internal static class FeedWriter
{
    public const string AccountsFile = "accounts.jsonl";
    public const string PostsFile = "posts.jsonl";
    public const string InteractionsFile = "interactions.jsonl";
    public const string TruthFile = "truth.json";

    // Sort keys pack (time, creation index) into one long: times fit in 38 bits for up to MaxDays, indexes in 25.
    private const int IndexBits = 25;
    private const long IndexMask = (1L << IndexBits) - 1;
    private const int FileBufferBytes = 1 << 20;
    private static readonly char[] TrailingPunctuation = ['.', ',', '!', '?', ':', ';'];

    public static SimulationTruth Write(SimulationOptions options, TaxonomyTable taxonomy, Population population, Feed feed,
        string directory)
    {
        var start = new DateTimeOffset(options.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var endMs = options.Days * Simulator.DayMs;
        var order = TimeOrder(feed.PostCount, i => feed.Post(i).At);
        var postIds = new string[feed.PostCount];
        for (var rank = 0; rank < order.Length; rank++) postIds[order[rank]] = "p" + rank.ToString(CultureInfo.InvariantCulture);

        WriteFile(directory, AccountsFile, writer =>
        {
            foreach (var account in population.Accounts) writer.Write(account.ToAccount(start, endMs));
        });

        var posts = new PostTruth[order.Length];
        WriteFile(directory, PostsFile, writer =>
        {
            for (var rank = 0; rank < order.Length; rank++)
            {
                var index = order[rank];
                ref var draft = ref feed.Post(index);
                writer.Write(ToPost(draft, postIds[index], postIds, population.Accounts, start));
                posts[rank] = new PostTruth(postIds[index], feed.Labels[draft.Label]);
            }
        });

        var interactions = feed.Interactions;
        var interactionOrder = TimeOrder(interactions.Count, i => interactions[i].At);
        WriteFile(directory, InteractionsFile, writer =>
        {
            foreach (var index in interactionOrder)
            {
                var interaction = interactions[index];
                writer.Write(new Interaction
                {
                    Kind = interaction.Kind,
                    AccountId = population.Accounts[interaction.Account].Id,
                    PostId = postIds[interaction.Post],
                    At = start.AddMilliseconds(interaction.At),
                });
            }
        });

        var truth = new SimulationTruth
        {
            Options = options,
            TaxonomyVersion = taxonomy.Version,
            Posts = posts,
            Accounts = [.. population.Accounts.Select(a => a.Cluster >= 0
                ? new AccountTruth(a.Id, a.Bot, a.Cluster, population.Clusters[a.Cluster].Kind)
                : new AccountTruth(a.Id, a.Bot, null, null))],
            Clusters = [.. population.Clusters.Select(c => new ClusterTruth(c.Id, c.Kind,
                [.. c.Members.Select(m => population.Accounts[m].Id)]))],
            Weeks = WeeklyPrevalence(options, feed),
        };
        truth.Save(Path.Combine(directory, TruthFile));
        return truth;
    }

    /// <summary>Original posts (replies included, reposts excluded) by the week they were created in.</summary>
    private static WeeklyPrevalence[] WeeklyPrevalence(SimulationOptions options, Feed feed)
    {
        var weeks = (options.Days + 6) / 7;
        var counts = new long[weeks, 6];
        for (var i = 0; i < feed.PostCount; i++)
        {
            ref var post = ref feed.Post(i);
            if (!post.IsOriginal) continue;
            var week = (int)(post.At / (7 * Simulator.DayMs));
            var label = feed.Labels[post.Label];
            counts[week, 0]++;
            counts[week, 3] += post.Views;
            if (label.IsHateful) { counts[week, 1]++; counts[week, 4] += post.Views; }
            if (label.IsAntisemitic) { counts[week, 2]++; counts[week, 5] += post.Views; }
        }
        var result = new WeeklyPrevalence[weeks];
        for (var w = 0; w < weeks; w++)
        {
            result[w] = new WeeklyPrevalence(options.Start.AddDays(7 * w),
                counts[w, 0], counts[w, 1], counts[w, 2], counts[w, 3], counts[w, 4], counts[w, 5]);
        }
        return result;
    }

    private static Post ToPost(in PostDraft draft, string id, string[] postIds, SimAccount[] accounts, DateTimeOffset start)
    {
        List<string>? hashtags = null, mentions = null, urls = null;
        foreach (var token in draft.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith("https://", StringComparison.Ordinal)) (urls ??= []).Add(token);
            else if (token.Length > 1 && token[0] == '#') (hashtags ??= []).Add(token[1..].TrimEnd(TrailingPunctuation));
            else if (token.Length > 1 && token[0] == '@') (mentions ??= []).Add(token[1..].TrimEnd(TrailingPunctuation));
        }
        return new Post
        {
            Id = id,
            AuthorId = accounts[draft.Author].Id,
            CreatedAt = start.AddMilliseconds(draft.At),
            Text = draft.Text,
            Language = "en",
            ReplyToId = draft.ReplyTo >= 0 ? postIds[draft.ReplyTo] : null,
            RepostOfId = draft.RepostOf >= 0 ? postIds[draft.RepostOf] : null,
            Hashtags = (IReadOnlyList<string>?)hashtags ?? [],
            Mentions = (IReadOnlyList<string>?)mentions ?? [],
            Urls = (IReadOnlyList<string>?)urls ?? [],
            Views = draft.Views,
        };
    }

    /// <summary>Indexes 0..count-1 sorted by time, ties by index, so the order never depends on the sort algorithm.</summary>
    private static int[] TimeOrder(int count, Func<int, long> timeOf)
    {
        if (count > IndexMask) throw new InvalidOperationException($"Too many records to order ({count}); lower --accounts or --days.");
        var keys = new long[count];
        for (var i = 0; i < count; i++) keys[i] = (timeOf(i) << IndexBits) | (uint)i;
        Array.Sort(keys);
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = (int)(keys[i] & IndexMask);
        return order;
    }

    private static void WriteFile(string directory, string name, Action<VigilJsonl.Writer> write)
    {
        using var stream = new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.None,
            FileBufferBytes);
        using var writer = new VigilJsonl.Writer(stream);
        write(writer);
    }
}
