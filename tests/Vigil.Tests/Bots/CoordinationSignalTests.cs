using Vigil.Bots;
using Vigil.Model;

namespace Vigil.Tests.Bots;

public sealed class CoordinationSignalTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Four accounts repost six originals within seconds of each other; a fifth reposts others hours apart.</summary>
    private static List<Post> Platform()
    {
        var posts = new List<Post>();
        for (var o = 0; o < 6; o++)
        {
            var at = Start.AddHours(o * 3);
            posts.Add(new Post { Id = $"o{o}", AuthorId = "source", CreatedAt = at, Text = $"original number {o} about something" });
            foreach (var (member, k) in new[] { "a", "b", "c", "d" }.Select((m, k) => (m, k)))
                posts.Add(new Post { Id = $"{member}{o}", AuthorId = member, CreatedAt = at.AddSeconds(5 + k * 3), RepostOfId = $"o{o}" });
            posts.Add(new Post { Id = $"e{o}", AuthorId = "e", CreatedAt = at.AddMinutes(90), RepostOfId = $"o{(o + 1) % 6}" });
        }
        return posts;
    }

    [Fact]
    public void The_coordination_stage_on_posts_in_memory_finds_the_accounts_that_act_in_step()
    {
        var signals = CoordinationSignal.FromPosts(Platform());

        foreach (var member in new[] { "a", "b", "c", "d" })
        {
            Assert.True(signals[member].InCluster, $"{member} should be in a cluster");
            Assert.Equal(3, signals[member].CoActors);
        }
        Assert.False(signals.GetValueOrDefault("e", CoordinationSignal.Alone).InCluster);
    }

    [Fact]
    public void Scores_with_posts_carry_cluster_membership_as_the_fixed_evidence_analyze_adds()
    {
        var posts = Platform();
        var signals = CoordinationSignal.FromPosts(posts);
        var behaviour = PostingBehaviour.ByAuthor(posts)["a"];
        var profile = new AccountProfile { Id = "a", Handle = "anna", Followers = 100, Following = 120, Posts = 400 };
        var scorer = new BotScorer(BotModel.Default);

        var alone = scorer.Score(profile, behaviour, null);
        var member = scorer.Score(profile, behaviour, signals["a"]);

        var logit = (double p) => Math.Log(p / (1 - p));
        Assert.Equal(BotScorer.ClusterMemberLogOdds, logit(member.PBot) - logit(alone.PBot), 6);
        Assert.Contains("member of a coordinated cluster", member.Why);
    }
}
