using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Policy;

public sealed class PolicyEvaluationTests
{
    [Fact]
    public void Asking_for_the_author_only_when_needed_gives_the_verdict_of_knowing_the_author()
    {
        var policy = EnforcementPolicy.Default;
        var inputs =
            from code in Enum.GetValues<ContentCode>()
            from score in new[] { 0.05, 0.55, 0.95 }
            from botScore in new[] { 0.0, 0.97 }
            from reach in new[] { 10L, 1_000_000L }
            select Input("p", "a", code, score: score, botScore: botScore, reach: reach, cluster: botScore > 0 ? "c1" : null);
        var compared = 0;
        foreach (var input in inputs)
            foreach (var standing in Enum.GetValues<AuthorStanding>())
                foreach (var strikes in new[] { 0, 1, 3, 9 })
                {
                    Assert.Equal(policy.Evaluate(input, standing, strikes), policy.Evaluate(input, _ => (standing, strikes)));
                    compared++;
                }
        Assert.True(compared > 1000);
    }

    [Fact]
    public void The_author_is_not_looked_up_for_a_post_no_rule_could_match_and_is_for_one_that_could()
    {
        var policy = EnforcementPolicy.Default;
        var lookups = 0;
        (AuthorStanding, int) Record(PolicyInput _) { lookups++; return (AuthorStanding.Good, 0); }

        var verdict = policy.Evaluate(Input("quiet", "a", ContentCode.None, score: 0.01), Record);
        Assert.Equal((null, null), (verdict.ContentRule, verdict.AccountRule));
        Assert.Equal(0, lookups);

        verdict = policy.Evaluate(Input("hate", "a", ContentCode.IncitementViolence), Record);
        Assert.NotNull(verdict.ContentRule);
        Assert.Equal(1, lookups);
    }
}
