using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Policy;

/// <summary>Walks every rung of the ladder under the default policy.</summary>
public sealed class LadderTests
{
    private readonly FakeClock _clock = new(Start);

    [Fact]
    public void ContestedContentGetsOnlyALabel()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.NaziComparison, target: Target.IsraelState)]);
        Assert.Equal(ContentActions.Label, engine.State.ContentActionsFor(Subjects.Post("p1")));
    }

    [Fact]
    public void WeakAgreedSignalGetsAnInterstitialAndNoStrike()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.ConspiracyControlTrope, score: 0.6)]);
        Assert.Equal(ContentActions.Label | ContentActions.Interstitial, engine.State.ContentActionsFor(Subjects.Post("p1")));
        Assert.Empty(engine.State.Strikes("a1"));
    }

    [Fact]
    public void ExplicitAgreedAntisemitismLosesReachAndGivesAStrike()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.ConspiracyControlTrope)]);
        var actions = engine.State.ContentActionsFor(Subjects.Post("p1"));
        Assert.Equal(ContentActions.Label | ContentActions.Demote | ContentActions.ExcludeFromRecommendations |
                     ContentActions.LimitReplies, actions);
        Assert.Single(engine.State.Strikes("a1"));
    }

    [Fact]
    public void UnlawfulContentIsGeoRestrictedOnlyAfterReviewAndOnlyWhereUnlawful()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.HolocaustDenial, jurisdiction: "DE")]);
        var subject = Subjects.Post("p1");
        Assert.Equal(0, (int)(engine.State.ContentActionsFor(subject) & ContentActions.GeoRestrict));
        var request = Assert.Single(engine.State.Queue());
        Assert.Equal(ContentActions.GeoRestrict, request.Proposed);
        Assert.Equal(["DE"], request.Payload.Territories!);

        engine.DecideReview(request.Id, Alice, approve: true);
        Assert.True(engine.State.ContentActionsFor(subject).HasFlag(ContentActions.GeoRestrict));
        Assert.Empty(engine.State.Queue());
    }

    [Fact]
    public void HolocaustDenialInAJurisdictionWithoutSuchALawIsNotGeoRestricted()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.HolocaustDenial, jurisdiction: "US")]);
        Assert.Empty(engine.State.Queue());
        Assert.True(engine.State.ContentActionsFor(Subjects.Post("p1")).HasFlag(ContentActions.Demote));
    }

    [Fact]
    public void IncitementIsRemovedOnlyWhenAReviewerApproves()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.IncitementViolence)]);
        var subject = Subjects.Post("p1");
        Assert.False(engine.State.ContentActionsFor(subject).HasFlag(ContentActions.Remove));
        Assert.True(engine.State.ContentActionsFor(subject).HasFlag(ContentActions.Interstitial));

        engine.DecideReview(Assert.Single(engine.State.Queue()).Id, Alice, approve: true);
        Assert.True(engine.State.ContentActionsFor(subject).HasFlag(ContentActions.Remove));
    }

    [Fact]
    public void ARejectedReviewLeavesTheContentUp()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.IncitementViolence)]);
        engine.DecideReview(engine.State.Queue()[0].Id, Alice, approve: false, note: "satire");
        Assert.False(engine.State.ContentActionsFor(Subjects.Post("p1")).HasFlag(ContentActions.Remove));
        Assert.Throws<EnforcementException>(() => engine.DecideReview(engine.State.Reviews.Single().Id, Alice, approve: true));
    }

    [Fact]
    public void AutomatedAccountsAreLabelledOncePerAccount()
    {
        var engine = Engine(_clock);
        var run = engine.Apply([
            Input("p1", "bot", ContentCode.None, score: 0.01, botScore: 0.9),
            Input("p2", "bot", ContentCode.None, score: 0.01, botScore: 0.95),
            Input("p3", "human", ContentCode.None, score: 0.01, botScore: 0.1),
        ]);
        Assert.Equal(1, run.Decisions);
        Assert.True(engine.State.AccountStatusOf("bot", _clock.GetUtcNow()).LabelledAutomated);
        Assert.False(engine.State.AccountStatusOf("human", _clock.GetUtcNow()).LabelledAutomated);
    }

    [Fact]
    public void ClusterMembershipLowersTheAutomationBar()
    {
        var engine = Engine(_clock);
        engine.Apply([
            Input("p1", "member", ContentCode.None, score: 0.01, botScore: 0.7, cluster: "c1"),
            Input("p2", "loner", ContentCode.None, score: 0.01, botScore: 0.7),
        ]);
        Assert.True(engine.State.AccountStatusOf("member", _clock.GetUtcNow()).LabelledAutomated);
        Assert.False(engine.State.AccountStatusOf("loner", _clock.GetUtcNow()).LabelledAutomated);
    }

    [Fact]
    public void StrikeThresholdsEscalateToReadOnlyThenSuspension()
    {
        var engine = Engine(_clock);
        for (var i = 1; i <= 3; i++) engine.Apply([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        var status = engine.State.AccountStatusOf("a1", _clock.GetUtcNow());
        Assert.Equal(AuthorStanding.ReadOnly, status.Standing);
        Assert.Equal(_clock.GetUtcNow().AddDays(7), status.Until);

        for (var i = 4; i <= 5; i++) engine.Apply([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        Assert.Equal(AuthorStanding.Suspended, engine.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
        Assert.Equal(5, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
    }

    [Fact]
    public void SuspensionEndsButTheHistoryStays()
    {
        var engine = Engine(_clock);
        for (var i = 1; i <= 5; i++) engine.Apply([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        _clock.Advance(TimeSpan.FromDays(31));
        var status = engine.State.AccountStatusOf("a1", _clock.GetUtcNow());
        Assert.Equal(AuthorStanding.Good, status.Standing);
        Assert.Equal(5, status.TotalStrikes);
        Assert.Equal(2, engine.State.Restrictions("a1").Count);
    }

    [Fact]
    public void StrikesExpireOnTheFakeClock()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.DualLoyalty)]);
        _clock.Advance(TimeSpan.FromDays(60));
        engine.Apply([Input("p2", "a1", ContentCode.DualLoyalty)]);
        Assert.Equal(2, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));

        // Two expired strikes plus two new ones stay below the read-only threshold of three active strikes.
        _clock.Advance(TimeSpan.FromDays(60));
        engine.Apply([Input("p3", "a1", ContentCode.DualLoyalty), Input("p4", "a1", ContentCode.DualLoyalty)]);
        Assert.Equal(2, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        Assert.Equal(AuthorStanding.Good, engine.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
        Assert.Equal(4, engine.State.Strikes("a1").Count);
    }

    [Fact]
    public void TheQueueIsOrderedByExpectedHarm()
    {
        var engine = Engine(_clock);
        engine.Apply([
            Input("small", "a1", ContentCode.IncitementViolence, reach: 10),
            Input("viral", "a2", ContentCode.IncitementViolence, reach: 1_000_000),
            Input("denial", "a3", ContentCode.HolocaustDenial, reach: 1_000, jurisdiction: "DE"),
        ]);
        var queue = engine.State.Queue();
        Assert.Equal([Subjects.Post("viral"), Subjects.Post("denial"), Subjects.Post("small")], queue.Select(q => q.Subject));
        Assert.True(queue[0].ExpectedHarm > queue[1].ExpectedHarm);
    }

    [Fact]
    public void EveryDecisionCitesPolicyRuleModelTaxonomyAndEvidence()
    {
        var engine = Engine(_clock);
        engine.Apply([Input("p1", "a1", ContentCode.DualLoyalty, model: "m-42")]);
        var decision = engine.State.DecisionsFor(Subjects.Post("p1")).Single();
        Assert.Equal(EnforcementPolicy.Default.Version, decision.Event.PolicyVersion);
        Assert.Equal("m-42", decision.Event.ModelVersion);
        Assert.Equal(TaxonomyTable.Default.Version, decision.Event.TaxonomyVersion);
        Assert.Equal("agreed-antisemitic", decision.Rule);
        Assert.Equal(["word:test@0+4"], decision.Payload.Evidence!);
        Assert.Equal(DecisionEventType.Decision, decision.Kind);
    }
}
