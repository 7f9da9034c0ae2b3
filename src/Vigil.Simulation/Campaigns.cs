using Vigil.Simulation.Grammar;
using static Vigil.Simulation.Simulator;

using Vigil.Model;

namespace Vigil.Simulation;

/// <summary>
/// Coordinated behaviour and its look-alikes. Clusters act together within <see cref="WindowMs"/>, preferring hateful
/// content; humans sharing a popular news link by chance produce the near-simultaneous shares a naïve co-link detector
/// mistakes for coordination.
/// </summary>
internal sealed class Campaigns(Population population, LabelMix mix, Feed feed, long endMs, long riseMs, double riseFactor)
{
    /// <summary>All members' co-actions in one event fall within this many milliseconds of the first.</summary>
    public const long WindowMs = 20 * SecondMs;

    private const double EventsPerDay = 1.0;
    private const double HatefulEventShare = 0.7;
    private const double Participation = 0.85;

    private static readonly string[] NewsOutlets = ["dailybrief", "worldwire", "metro-times", "the-ledger", "civic-post"];
    private static readonly string[] CampaignSites = ["truth-files", "real-news-now", "patriot-digest", "hidden-history"];

    /// <summary>
    /// Popular news links: each is published at a random moment and shared by humans over the next minutes to hours,
    /// the most popular by dozens. Texts are ordinary non-hateful posts with the link appended.
    /// </summary>
    public void ShareNewsLinks(SeededRandom random)
    {
        var accounts = population.Accounts;
        var links = Math.Max(8, accounts.Length / 250);
        for (var rank = 0; rank < links; rank++)
        {
            var url = $"https://{random.Pick(NewsOutlets)}.example/story/{rank}-{random.Next(100_000)}";
            var published = random.NextLong(endMs);
            var shares = random.Poisson(accounts.Length * 0.004 / Math.Pow(rank + 1, 0.7));
            for (var s = 0; s < shares; s++)
            {
                var sharer = accounts[random.Next(accounts.Length)];
                var at = published + (long)random.Exponential(10 * MinuteMs);
                if (sharer.Bot || at >= endMs || !sharer.IsActiveAt(at)) continue;
                var text = mix.Draw(hateful: false, random);
                feed.AddOriginal(at, sharer.Index, $"{text.Text} {url}", text.Label);
                sharer.SimulatedPosts++;
            }
        }
    }

    /// <summary>
    /// Each cluster holds a few events a day, more after the rise; in each, most members act within the window. Which
    /// action depends on the cluster's kind.
    /// </summary>
    public void RunClusters(List<int> hatefulOriginals, SeededRandom random)
    {
        var originals = feed.PostCount;
        foreach (var cluster in population.Clusters)
        {
            for (var day = 0; day * DayMs < endMs; day++)
            {
                var rate = day * DayMs >= riseMs ? EventsPerDay * Math.Max(1, riseFactor * 0.75) : EventsPerDay;
                var events = random.Poisson(rate);
                for (var e = 0; e < events; e++)
                {
                    var hateful = random.Chance(HatefulEventShare);
                    var at = day * DayMs + random.NextLong(DayMs);
                    if (cluster.Kind == ClusterKind.CoRetweet)
                    {
                        var target = hateful && hatefulOriginals.Count > 0
                            ? hatefulOriginals[random.Next(hatefulOriginals.Count)]
                            : random.Next(originals);
                        at = feed.Post(target).At + (long)random.LogNormal(10 * MinuteMs, 1.0);
                        if (at + WindowMs >= endMs) continue;
                        CoRetweet(cluster, target, at, random);
                        continue;
                    }
                    if (at + WindowMs >= endMs) continue;
                    switch (cluster.Kind)
                    {
                        case ClusterKind.CoTweetCopy: Copy(cluster, hateful, at, random); break;
                        case ClusterKind.Paraphrase: Paraphrase(cluster, hateful, at, random); break;
                        default: CoLink(cluster, hateful, at, $"{cluster.Id}-{day}-{e}", random); break;
                    }
                }
            }
        }
    }

    private void CoRetweet(ClusterPlan cluster, int target, long at, SeededRandom random)
    {
        var author = feed.Post(target).Author;
        foreach (var member in cluster.Members)
        {
            if (member == author || !TryJoin(member, at, random, out var when)) continue;
            feed.AddRepost(when, member, target);
            feed.Post(target).Views += (long)(population.Accounts[member].Followers * random.LogNormal(0.15, 0.5));
        }
    }

    private void Copy(ClusterPlan cluster, bool hateful, long at, SeededRandom random)
    {
        var message = mix.Draw(hateful, random);
        foreach (var member in cluster.Members)
        {
            if (!TryJoin(member, at, random, out var when)) continue;
            // Copy networks vary only the mentions, so an exact-text detector must strip them to see the match.
            var text = random.Chance(0.3)
                ? $"@{population.Accounts[random.Next(population.Accounts.Length)].Handle} {message.Text}"
                : message.Text;
            Post(member, when, text, message);
        }
    }

    private void Paraphrase(ClusterPlan cluster, bool hateful, long at, SeededRandom random)
    {
        var message = mix.Draw(hateful, random);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in cluster.Members)
        {
            if (!TryJoin(member, at, random, out var when)) continue;
            Post(member, when, Paraphraser.Rewrite(message.Text, random, taken), message);
        }
    }

    private void CoLink(ClusterPlan cluster, bool hateful, long at, string slug, SeededRandom random)
    {
        var url = $"https://{random.Pick(CampaignSites)}.example/p/{slug}";
        foreach (var member in cluster.Members)
        {
            if (!TryJoin(member, at, random, out var when)) continue;
            var text = mix.Draw(hateful, random);
            Post(member, when, $"{text.Text} {url}", text);
        }
    }

    private bool TryJoin(int member, long at, SeededRandom random, out long when)
    {
        when = at + random.NextLong(WindowMs);
        return random.Chance(Participation) && population.Accounts[member].IsActiveAt(when);
    }

    private void Post(int member, long at, string text, LabelledText labelled)
    {
        feed.AddOriginal(at, member, text, labelled.Label);
        population.Accounts[member].SimulatedPosts++;
    }
}
