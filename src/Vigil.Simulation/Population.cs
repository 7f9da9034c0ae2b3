using System.Globalization;
using System.Text;

using Vigil.Model;

namespace Vigil.Simulation;

/// <summary>
/// The accounts, their coordinated clusters and the follow graph. Human and bot metadata come from overlapping
/// distributions: bots are younger, more often default profiles, with more digits in handles, shorter descriptions and
/// a higher following/followers ratio, but every one of these has humans on the bot side and bots on the human side.
/// </summary>
internal sealed class Population
{
    private const long DayMs = 86_400_000;

    private static readonly string[] NameParts =
    [
        "alex", "sam", "jo", "max", "lee", "kim", "noa", "eli", "ari", "dana", "rob", "mia", "tom", "zoe", "ben", "ivy",
        "dan", "ella", "leo", "ruth", "omar", "lina", "yuki", "ravi", "nina", "paul", "sara", "finn", "maya", "theo",
    ];

    private static readonly string[] NameWords =
    [
        "sky", "river", "blue", "north", "fox", "stone", "green", "wolf", "sun", "rain", "pixel", "coffee", "book",
        "road", "oak", "star", "jazz", "salt", "iron", "maple",
    ];

    private static readonly string[] BioWords =
    [
        "dad", "mum", "teacher", "nurse", "coder", "runner", "fan", "of", "the", "and", "coffee", "books", "music",
        "views", "my", "own", "news", "politics", "football", "cooking", "travel", "retired", "student", "engineer",
        "writer", "photos", "history", "science", "proud", "living", "in", "love", "life", "cats", "dogs", "|",
    ];

    private static readonly int[] UtcOffsets = [-8, -5, -5, -5, 0, 0, 1, 1, 1, 2, 2, 3, 10];

    private Population(SimAccount[] accounts, ClusterPlan[] clusters, int[] followerOffsets, int[] followers)
    {
        Accounts = accounts;
        Clusters = clusters;
        _followerOffsets = followerOffsets;
        _followers = followers;
    }

    private readonly int[] _followerOffsets;
    private readonly int[] _followers;

    public SimAccount[] Accounts { get; }
    public ClusterPlan[] Clusters { get; }

    /// <summary>The accounts that follow <paramref name="account"/>.</summary>
    public ReadOnlySpan<int> FollowersOf(int account) =>
        _followers.AsSpan(_followerOffsets[account], _followerOffsets[account + 1] - _followerOffsets[account]);

    public static Population Create(SimulationOptions options, SeededRandom random, long endMs)
    {
        var roles = new AccountRole[options.Accounts];
        var bots = new List<int>();
        for (var i = 0; i < roles.Length; i++)
        {
            if (!random.Chance(options.BotShare)) continue;
            roles[i] = AccountRole.SpamBot;
            bots.Add(i);
        }

        var clusters = PlanClusters(options.EffectiveClusters, bots, roles, random);
        var accounts = new SimAccount[roles.Length];
        var handles = new HashSet<string>(StringComparer.Ordinal);
        var clusterBirth = clusters.Select(_ => -(long)(random.LogNormal(200, 0.9) * DayMs)).ToArray();
        var clusterOf = new int[roles.Length];
        Array.Fill(clusterOf, -1);
        foreach (var cluster in clusters)
        {
            foreach (var member in cluster.Members) clusterOf[member] = cluster.Id;
        }
        for (var i = 0; i < accounts.Length; i++)
        {
            var account = accounts[i] = new SimAccount(i, roles[i]) { Cluster = clusterOf[i] };
            Describe(account, random, handles, account.Cluster >= 0 ? clusterBirth[account.Cluster] : 0);
            Suspend(account, random, endMs);
        }

        var (offsets, followers) = BuildFollowGraph(accounts, clusters, random);
        return new Population(accounts, clusters, offsets, followers);
    }

    private static ClusterPlan[] PlanClusters(int count, List<int> bots, AccountRole[] roles, SeededRandom random)
    {
        // Shuffle the bots once so members are a seeded random choice, then deal them out in order.
        var pool = bots.ToArray();
        for (var i = pool.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        // Leave at least 40% of bots acting alone so non-coordinated bots exist at every size.
        var budget = pool.Length * 6 / 10;
        var clusters = new List<ClusterPlan>();
        var next = 0;
        for (var c = 0; c < count; c++)
        {
            // Small platforms get smaller clusters rather than fewer, so every kind still appears.
            var size = Math.Min(Math.Min(5 + random.Next(26), Math.Max(3, budget / count)), budget - next);
            if (size < 3) break;
            var members = pool.AsSpan(next, size).ToArray();
            Array.Sort(members);
            foreach (var member in members) roles[member] = AccountRole.ClusterBot;
            clusters.Add(new ClusterPlan(c, (ClusterKind)(c % 4), members));
            next += size;
        }
        return [.. clusters];
    }

    private static void Describe(SimAccount account, SeededRandom random, HashSet<string> handles, long clusterBirthMs)
    {
        var bot = account.Bot;
        account.CreatedMs = account.Role switch
        {
            AccountRole.Human => -(long)(Math.Clamp(random.LogNormal(1400, 0.8), 10, 6500) * DayMs) - random.NextLong(DayMs),
            AccountRole.SpamBot => -(long)(Math.Clamp(random.LogNormal(250, 1.1), 1, 6500) * DayMs) - random.NextLong(DayMs),
            // Cluster bots are registered in a batch: within ten days of each other.
            _ => clusterBirthMs - random.NextLong(10 * DayMs),
        };

        account.Handle = UniqueHandle(random, handles, bot ? 0.75 : 0.3, bot ? 2 : 1, bot ? 8 : 4);
        account.DisplayName = random.Chance(bot ? 0.4 : 0.1)
            ? account.Handle
            : Capitalise(random.Pick(NameParts)) + " " + Capitalise(random.Pick(NameWords));
        account.Description = random.Chance(bot ? 0.45 : 0.15)
            ? ""
            : Bio(random, (int)Math.Min(160, random.LogNormal(bot ? 35 : 70, bot ? 0.8 : 0.6)));
        account.DefaultProfile = random.Chance(bot ? 0.45 : 0.12);
        account.DefaultProfileImage = random.Chance(bot ? 0.30 : 0.05);
        account.Verified = random.Chance(bot ? 0.003 : 0.02);
        account.PaidTier = random.Chance(bot ? 0.12 : 0.04);
        account.UtcOffsetHours = bot ? 0 : random.Pick(UtcOffsets);
        account.DailyRate = account.Role switch
        {
            AccountRole.Human => Math.Min(30, random.LogNormal(0.55, 1.0)),
            AccountRole.SpamBot => Math.Min(80, random.LogNormal(6, 0.7)),
            _ => Math.Min(20, random.LogNormal(1.5, 0.6)),
        };
        account.HateProneness = account.Role switch
        {
            AccountRole.Human => random.Chance(0.04) ? 12 : 0.6,
            AccountRole.SpamBot => 0.1,
            _ => 3,
        };
        var historicalRate = account.Role == AccountRole.Human ? account.DailyRate * random.NextDouble() : account.DailyRate;
        account.HistoricalPosts = (long)(historicalRate * -account.CreatedMs / DayMs);
    }

    private static void Suspend(SimAccount account, SeededRandom random, long endMs)
    {
        var chance = account.Role switch { AccountRole.Human => 0.01, AccountRole.SpamBot => 0.08, _ => 0.03 };
        if (!random.Chance(chance)) return;
        account.SuspendedMs = random.NextLong(endMs);
        if (random.Chance(0.5)) account.RestoredMs = account.SuspendedMs + DayMs + random.NextLong(6 * DayMs);
    }

    /// <summary>
    /// Preferential attachment in order of account age: each account follows earlier ones with probability growing
    /// with the followers they already have, which gives the heavy-tailed degree distribution of real platforms. Bots
    /// follow many and are seldom followed (an attractiveness of 0.3); humans sometimes follow back; cluster members
    /// all follow one another.
    /// </summary>
    private static (int[] Offsets, int[] Followers) BuildFollowGraph(SimAccount[] accounts, ClusterPlan[] clusters, SeededRandom random)
    {
        var byAge = new int[accounts.Length];
        var created = new long[accounts.Length];
        for (var i = 0; i < accounts.Length; i++)
        {
            byAge[i] = i;
            created[i] = accounts[i].CreatedMs;
        }
        Array.Sort(created, byAge);

        var edges = new List<(int From, int To)>(accounts.Length * 16);
        var pool = new List<int>(accounts.Length * 16);
        var lastFollowedBy = new int[accounts.Length];
        Array.Fill(lastFollowedBy, -1);
        for (var position = 0; position < byAge.Length; position++)
        {
            var follower = byAge[position];
            var bot = accounts[follower].Bot;
            var wanted = (int)Math.Min(2000, bot ? random.LogNormal(40, 0.9) : random.LogNormal(10, 1.0));
            wanted = Math.Min(wanted, position);
            for (var attempt = 0; wanted > 0 && attempt < wanted * 3 && pool.Count > 0; attempt++)
            {
                var followed = pool[random.Next(pool.Count)];
                if (lastFollowedBy[followed] == follower) continue;
                lastFollowedBy[followed] = follower;
                edges.Add((follower, followed));
                pool.Add(followed);
                wanted--;
                if (!accounts[followed].Bot && random.Chance(bot ? 0.03 : 0.1)) edges.Add((followed, follower));
            }
            if (!bot || random.Chance(0.3)) pool.Add(follower);
        }

        var memberEdges = new HashSet<(int, int)>();
        foreach (var edge in edges)
        {
            if (accounts[edge.From].Cluster >= 0) memberEdges.Add(edge);
        }
        foreach (var cluster in clusters)
        {
            foreach (var from in cluster.Members)
            {
                foreach (var to in cluster.Members)
                {
                    if (from != to && memberEdges.Add((from, to))) edges.Add((from, to));
                }
            }
        }

        var offsets = new int[accounts.Length + 1];
        foreach (var (from, to) in edges)
        {
            offsets[to + 1]++;
            accounts[from].Following++;
            accounts[to].Followers++;
        }
        for (var i = 0; i < accounts.Length; i++) offsets[i + 1] += offsets[i];
        var fill = offsets[..^1];
        var followers = new int[edges.Count];
        foreach (var (from, to) in edges) followers[fill[to]++] = from;
        return (offsets, followers);
    }

    private static string UniqueHandle(SeededRandom random, HashSet<string> taken, double digitChance, int minDigits, int maxDigits)
    {
        var builder = new StringBuilder(24);
        builder.Append(random.Pick(NameParts));
        if (random.Chance(0.6)) builder.Append(random.Chance(0.5) ? "_" : "").Append(random.Pick(NameWords));
        if (random.Chance(digitChance))
        {
            var digits = minDigits + random.Next(maxDigits - minDigits + 1);
            for (var d = 0; d < digits; d++) builder.Append((char)('0' + random.Next(10)));
        }
        while (!taken.Add(builder.ToString())) builder.Append((char)('0' + random.Next(10)));
        return builder.ToString();
    }

    private static string Bio(SeededRandom random, int length)
    {
        var builder = new StringBuilder(length + 16);
        while (builder.Length < length)
        {
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(random.Pick(BioWords));
        }
        return builder.ToString();
    }

    private static string Capitalise(string word) =>
        string.Create(word.Length, word, (span, w) =>
        {
            w.AsSpan().CopyTo(span);
            span[0] = char.ToUpper(span[0], CultureInfo.InvariantCulture);
        });
}

/// <summary>A coordinated cluster as planned: its kind and its member account indexes, ascending.</summary>
internal sealed record ClusterPlan(int Id, ClusterKind Kind, int[] Members);
