using Vigil.Coordination;
using Vigil.Model;
using System.Globalization;
using System.Text;

namespace Vigil.Simulation.Synthetic;

/// <summary>Sizes and behaviours of a synthetic message stream with planted coordinated clusters.</summary>
public sealed record SyntheticCoordinationOptions
{
    public int Seed { get; init; } = 1;
    public int Messages { get; init; } = 20_000;
    /// <summary>Organic accounts; their activity is heavy-tailed (a few post a lot).</summary>
    public int Humans { get; init; } = 2_000;
    /// <summary>Messages arrive at this average rate, so the stream spans Messages / rate seconds.</summary>
    public double MessagesPerSecond { get; init; } = 1.65;
    /// <summary>Planted clusters of each kind (co-retweet, co-tweet, co-link, co-reply, paraphrase).</summary>
    public int ClustersPerKind { get; init; } = 3;
    public int MinClusterSize { get; init; } = 5;
    public int MaxClusterSize { get; init; } = 12;
    /// <summary>Campaigns per cluster: occasions on which the members act together.</summary>
    public int Campaigns { get; init; } = 8;
    /// <summary>Members act within this many seconds after a campaign starts.</summary>
    public double CampaignJitterSeconds { get; init; } = 40;
    /// <summary>Paraphrasing members replace each word of the campaign text with a near-synonym with this probability.</summary>
    public double ParaphraseRate { get; init; } = 0.15;
}

public enum PlantedKind { CoRetweet, CoTweet, CoLink, CoReply, Paraphrase }

/// <summary>Which accounts were planted as coordinated, and how.</summary>
public sealed record PlantedCluster(int Id, PlantedKind Kind, IReadOnlyList<string> Members);

public sealed record SyntheticCoordinationData(IReadOnlyList<CoordinationMessage> Messages, IReadOnlyList<PlantedCluster> Planted);

/// <summary>
/// Generates a deterministic message stream (same seed, same messages): organic accounts posting Zipf-distributed
/// words, reposting and replying to viral posts and sharing popular links (the hard negatives: organic pile-ons), plus
/// planted clusters whose members repost, post, link, reply or paraphrase together within seconds on each campaign
/// and otherwise post organically. For tests and benchmarks; not a model of any real platform.
/// </summary>
public static class SyntheticCoordination
{
    private const int VocabularySize = 20_000;
    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "vu", "sha", "gle", "tor", "ben", "quo", "zin", "mar", "fel", "ost", "yar"];

    public static SyntheticCoordinationData Generate(SyntheticCoordinationOptions options)
    {
        var random = new SeededRandom(options.Seed);
        var words = new string[VocabularySize];
        for (var i = 0; i < words.Length; i++) words[i] = PseudoWord(i);
        var wordPick = new ZipfSampler(VocabularySize, 1.05);
        var viralPick = new ZipfSampler(50_000, 1.1);
        var accountPick = new ZipfSampler(options.Humans, 0.8);
        var linkPick = new ZipfSampler(20_000, 1.1);
        var span = options.Messages / options.MessagesPerSecond;
        // Names are made once and shared, as a reader's interned ids would be, so that 10M messages fit in memory.
        var humanIds = Names("h", options.Humans);
        var viralIds = Names("viral", 50_000);
        var linkUrls = Names("https://news", 20_000, ".example/a");
        var messages = new List<CoordinationMessage>(options.Messages);
        var text = new StringBuilder(256);

        // Plant clusters first so their share of the budget is known; organic messages fill the rest.
        var planted = new List<PlantedCluster>();
        var bots = new List<string>();
        foreach (var kind in Enum.GetValues<PlantedKind>())
        {
            for (var k = 0; k < options.ClustersPerKind; k++)
            {
                var id = planted.Count + 1;
                var size = random.Next(options.MinClusterSize, options.MaxClusterSize + 1);
                var members = new List<string>(size);
                for (var i = 0; i < size; i++) members.Add($"bot{id}_{i}");
                bots.AddRange(members);
                planted.Add(new PlantedCluster(id, kind, members));
                for (var campaign = 0; campaign < options.Campaigns; campaign++)
                    PlantCampaign(kind, id, campaign, members);
            }
        }

        var botShare = (double)bots.Count / (bots.Count + options.Humans);
        while (messages.Count < options.Messages)
        {
            // Bots also post organically, as often as an average account, so volume alone does not single them out.
            var author = bots.Count > 0 && random.NextDouble() < botShare
                ? bots[random.Next(bots.Count)]
                : humanIds[accountPick.Next(random)];
            var time = Math.Round(random.NextDouble() * span, 3);
            var roll = random.NextDouble();
            if (roll < 0.25) Add(author, time, "", repost: viralIds[viralPick.Next(random)]);
            else
            {
                var reply = roll < 0.35 ? viralIds[viralPick.Next(random)] : null;
                var urls = random.NextDouble() < 0.2 ? new[] { linkUrls[linkPick.Next(random)] } : [];
                Add(author, time, OrganicText(random.Next(6, 20)), reply: reply, urls: urls);
            }
        }
        messages.Sort((x, y) => x.Timestamp.CompareTo(y.Timestamp));
        return new SyntheticCoordinationData(messages, planted);

        void PlantCampaign(PlantedKind kind, int cluster, int campaign, List<string> members)
        {
            var start = Math.Round(random.NextDouble() * Math.Max(1, span - options.CampaignJitterSeconds), 3);
            var target = $"target{cluster}_{campaign}";
            var campaignWords = new int[random.Next(12, 22)];
            for (var i = 0; i < campaignWords.Length; i++) campaignWords[i] = wordPick.Next(random);
            foreach (var member in members)
            {
                // Not every member joins every campaign.
                if (random.NextDouble() < 0.1) continue;
                var time = Math.Round(start + random.NextDouble() * options.CampaignJitterSeconds, 3);
                switch (kind)
                {
                    case PlantedKind.CoRetweet:
                        Add(member, time, "", repost: target);
                        break;
                    case PlantedKind.CoTweet:
                        Add(member, time, Mentioned(Join(campaignWords, 0)));
                        break;
                    case PlantedKind.CoLink:
                        Add(member, time, OrganicText(random.Next(4, 12)), urls: [$"https://{target}.example/x"]);
                        break;
                    case PlantedKind.CoReply:
                        Add(member, time, OrganicText(random.Next(4, 12)), reply: target);
                        break;
                    case PlantedKind.Paraphrase:
                        Add(member, time, Join(campaignWords, options.ParaphraseRate));
                        break;
                }
            }
        }

        string OrganicText(int length)
        {
            text.Clear();
            for (var i = 0; i < length; i++) text.Append(i == 0 ? "" : " ").Append(words[wordPick.Next(random)]);
            return text.ToString();
        }

        string Join(int[] campaignWords, double paraphraseRate)
        {
            text.Clear();
            foreach (var w in campaignWords)
            {
                if (text.Length > 0) text.Append(' ');
                // A near-synonym: a neighbouring word of similar frequency.
                var word = random.NextDouble() < paraphraseRate ? (w ^ 1) : w;
                text.Append(words[word]);
            }
            return text.ToString();
        }

        string Mentioned(string body)
        {
            var mention = "@h" + random.Next(options.Humans).ToString(CultureInfo.InvariantCulture);
            return random.Next(2) == 0 ? mention + " " + body : body.ToUpperInvariant() + " " + mention;
        }

        void Add(string author, double time, string body, string? repost = null, string? reply = null, string[]? urls = null) =>
            messages.Add(new CoordinationMessage("m" + messages.Count.ToString(CultureInfo.InvariantCulture), author, author,
                repost, reply, body, time, urls ?? []));
    }

    private static string[] Names(string prefix, int count, string suffix = "")
    {
        var names = new string[count];
        for (var i = 0; i < count; i++) names[i] = prefix + i.ToString(CultureInfo.InvariantCulture) + suffix;
        return names;
    }

    private static string PseudoWord(int index)
    {
        var builder = new StringBuilder();
        var n = index;
        do
        {
            builder.Append(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        } while (n > 0);
        return builder.ToString();
    }

    /// <summary>Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s by binary search on the CDF.</summary>
    private sealed class ZipfSampler
    {
        private readonly double[] _cumulative;

        public ZipfSampler(int n, double s)
        {
            _cumulative = new double[Math.Max(1, n)];
            double sum = 0;
            for (var i = 0; i < _cumulative.Length; i++) _cumulative[i] = sum += 1 / Math.Pow(i + 1, s);
            for (var i = 0; i < _cumulative.Length; i++) _cumulative[i] /= sum;
        }

        public int Next(SeededRandom random)
        {
            var index = Array.BinarySearch(_cumulative, random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
        }
    }
}
