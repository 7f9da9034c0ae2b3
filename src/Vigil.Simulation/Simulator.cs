using Vigil.Model;
using Vigil.Simulation.Grammar;

namespace Vigil.Simulation;

/// <summary>What a run wrote: the truth, the counts, and the rows of a <c>--texts</c> file that were skipped.</summary>
public sealed record SimulationResult(SimulationTruth Truth, int Accounts, int Posts, int Reposts, int Interactions,
    IReadOnlyList<string> SkippedTextRows);

/// <summary>
/// A seeded simulated platform with known ground truth (docs/SIMULATION.md). Stages run in a fixed order, each on its
/// own random stream, single-threaded: the same options give the same bytes.
/// </summary>
public static class Simulator
{
    internal const long SecondMs = 1_000;
    internal const long MinuteMs = 60 * SecondMs;
    internal const long HourMs = 60 * MinuteMs;
    internal const long DayMs = 24 * HourMs;

    /// <summary>Each stage draws from its own stream, so changing one stage leaves the others' draws as they were.</summary>
    private enum Stage : ulong
    {
        Population = 1,
        OwnPosts,
        NewsLinks,
        Clusters,
        Reactions,
    }

    /// <summary>Relative activity of humans by local hour: quiet at night, peaks at lunch and in the evening.</summary>
    private static readonly double[] HumanHourCumulative = Cumulate(
    [
        0.6, 0.35, 0.2, 0.15, 0.15, 0.3, 0.8, 1.8, 2.8, 3.2, 3.2, 3.4, 4.0, 3.6, 3.2, 3.1, 3.3, 3.8, 4.3, 4.7, 4.8,
        4.2, 3.0, 1.6,
    ]);

    public static SimulationResult Run(SimulationOptions options, string outputDirectory)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));

        var taxonomy = TaxonomyTable.Default;
        IReadOnlyList<string> skipped = [];
        ITextSource source;
        if (options.TextsPath is { } path)
        {
            var file = LabelledTextFile.Load(path, taxonomy);
            skipped = file.Skipped;
            source = file;
        }
        else
        {
            source = TextGrammar.CreateDefault();
        }

        var root = new SeededRandom((ulong)(uint)options.Seed);
        var endMs = options.Days * DayMs;
        var riseMs = (options.EffectiveRiseDate.DayNumber - options.Start.DayNumber) * DayMs;
        var population = Population.Create(options, root.Fork((ulong)Stage.Population), endMs);
        var mix = new LabelMix(source, taxonomy);
        var feed = new Feed();

        var hateful = PostOriginals(options, population, mix, feed, root.Fork((ulong)Stage.OwnPosts), endMs, riseMs);
        var campaigns = new Campaigns(population, mix, feed, endMs, riseMs, options.RiseFactor);
        campaigns.ShareNewsLinks(root.Fork((ulong)Stage.NewsLinks));
        campaigns.RunClusters(hateful, root.Fork((ulong)Stage.Clusters));
        React(population, mix, feed, root.Fork((ulong)Stage.Reactions), endMs);

        Directory.CreateDirectory(outputDirectory);
        var truth = FeedWriter.Write(options, taxonomy, population, feed, outputDirectory);
        var reposts = 0;
        for (var i = 0; i < feed.PostCount; i++)
        {
            if (!feed.Post(i).IsOriginal) reposts++;
        }
        return new SimulationResult(truth, population.Accounts.Length, feed.PostCount, reposts, feed.Interactions.Count, skipped);
    }

    /// <summary>
    /// Each account's own posts, day by day. Humans follow a daily rhythm in their time zone and post less at
    /// weekends; bots post around the clock, often in bursts. Whether a post is hateful depends on the account's
    /// proneness, scaled so that the platform-wide rate is the base rate before the rise and the rise factor times it
    /// after. Returns the hateful originals, which coordinated clusters prefer to amplify.
    /// </summary>
    private static List<int> PostOriginals(SimulationOptions options, Population population, LabelMix mix, Feed feed,
        SeededRandom random, long endMs, long riseMs)
    {
        double weightedProneness = 0, totalRate = 0;
        foreach (var account in population.Accounts)
        {
            weightedProneness += account.DailyRate * account.HateProneness;
            totalRate += account.DailyRate;
        }
        var scale = options.BaseHatefulRate * totalRate / weightedProneness;
        var startDay = options.Start.DayOfWeek;
        var hateful = new List<int>();

        foreach (var account in population.Accounts)
        {
            for (var day = 0; day < options.Days; day++)
            {
                var weekend = (DayOfWeek)(((int)startDay + day) % 7) is DayOfWeek.Saturday or DayOfWeek.Sunday;
                var count = random.Poisson(account.DailyRate * (weekend && !account.Bot ? 0.85 : 1.0));
                var last = -1L;
                for (var k = 0; k < count; k++)
                {
                    var at = account.Bot ? BotTime(random, day, last) : HumanTime(random, day, account.UtcOffsetHours);
                    if (at >= endMs || !account.IsActiveAt(at)) continue;
                    last = at;
                    var rise = at >= riseMs ? options.RiseFactor : 1.0;
                    var isHateful = random.Chance(Math.Min(0.9, scale * account.HateProneness * rise));
                    var spam = account.Role == AccountRole.SpamBot;
                    // Spam is mostly chatter with a link; the rare hateful spam post is drawn like anyone else's.
                    var text = spam && !isHateful ? mix.DrawCode(ContentCode.None, random) : mix.Draw(isHateful, random);
                    var body = spam ? $"{text.Text} https://deals.example/{account.Handle}/{account.SimulatedPosts}" : text.Text;
                    var post = feed.AddOriginal(at, account.Index, body, text.Label);
                    account.SimulatedPosts++;
                    if (text.Label.IsHateful) hateful.Add(post);
                }
            }
        }
        return hateful;
    }

    private static long HumanTime(SeededRandom random, int day, int utcOffsetHours)
    {
        var localHour = random.PickCumulative(HumanHourCumulative);
        var utcHour = ((localHour - utcOffsetHours) % 24 + 24) % 24;
        return day * DayMs + utcHour * HourMs + random.NextLong(HourMs);
    }

    private static long BotTime(SeededRandom random, int day, long last) =>
        last >= 0 && random.Chance(0.5)
            ? Math.Min(last + (long)random.Exponential(90 * SecondMs) + 1, (day + 1) * DayMs - 1)
            : day * DayMs + random.NextLong(DayMs);

    /// <summary>
    /// Organic reactions to every original post: reposts (as repost posts and interactions), likes and replies, mostly
    /// from the author's followers, at delays that fall off over hours. Views follow the author's followers and grow
    /// with each repost's audience; both are heavy-tailed, and hateful posts draw somewhat more engagement.
    /// </summary>
    private static void React(Population population, LabelMix mix, Feed feed, SeededRandom random, long endMs)
    {
        var accounts = population.Accounts;
        var originals = feed.PostCount;
        for (var i = 0; i < originals; i++)
        {
            // A copy: adding reactions may grow the feed and move its storage.
            var post = feed.Post(i);
            if (!post.IsOriginal) continue;
            var author = accounts[post.Author];
            var parentHateful = feed.LabelOf(i).IsHateful;
            var virality = random.LogNormal(1, 1.1) * (parentHateful ? 1.5 : 1.0);
            var audience = Math.Pow(author.Followers, 0.8) * virality;
            var followers = population.FollowersOf(author.Index);
            long views = (long)(author.Followers * Math.Min(3, random.LogNormal(0.3, 0.5))) + random.Poisson(3);

            var reposts = random.Poisson(0.015 * audience);
            for (var r = 0; r < reposts; r++)
            {
                var who = Reactor(random, followers, accounts.Length);
                var at = post.At + (long)random.LogNormal(40 * MinuteMs, 1.2);
                if (who == author.Index || at >= endMs || !accounts[who].IsActiveAt(at)) continue;
                feed.AddRepost(at, who, i);
                views += (long)(accounts[who].Followers * Math.Min(3, random.LogNormal(0.15, 0.5)));
            }

            var likes = random.Poisson(0.5 + 0.04 * audience);
            for (var l = 0; l < likes; l++)
            {
                var who = Reactor(random, followers, accounts.Length);
                var at = post.At + (long)random.LogNormal(30 * MinuteMs, 1.2);
                if (who == author.Index || at >= endMs || !accounts[who].IsActiveAt(at)) continue;
                feed.Interactions.Add(new InteractionDraft(at, InteractionKind.Like, who, i));
                views++;
            }

            var replies = random.Poisson(0.02 + 0.01 * Math.Pow(author.Followers, 0.6) * virality);
            for (var q = 0; q < replies; q++)
            {
                var who = Reactor(random, followers, accounts.Length);
                var at = post.At + (long)random.LogNormal(20 * MinuteMs, 1.3);
                if (who == author.Index || at >= endMs || !accounts[who].IsActiveAt(at)) continue;
                var text = parentHateful && random.Chance(0.4) ? mix.DrawCode(ContentCode.CounterSpeech, random)
                    : mix.Draw(parentHateful ? random.Chance(0.15) : random.Chance(0.02), random);
                var reply = feed.AddOriginal(at, who, $"@{author.Handle} {text.Text}", text.Label, replyTo: i);
                feed.Post(reply).Views = (long)(accounts[who].Followers * Math.Min(3, random.LogNormal(0.1, 0.5))) + random.Poisson(2);
                feed.Interactions.Add(new InteractionDraft(at, InteractionKind.Reply, who, i));
                accounts[who].SimulatedPosts++;
                views++;
            }

            feed.Post(i).Views += views;
        }
    }

    /// <summary>A follower of the author, or anyone when the author has none (discovery through search and trends).</summary>
    private static int Reactor(SeededRandom random, ReadOnlySpan<int> followers, int accountCount) =>
        followers.Length > 0 && random.Chance(0.9) ? followers[random.Next(followers.Length)] : random.Next(accountCount);

    private static double[] Cumulate(double[] weights)
    {
        var cumulative = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++) cumulative[i] = total += weights[i];
        return cumulative;
    }
}
