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
    public async Task ContestedContentGetsOnlyALabel()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.NaziComparison, target: Target.IsraelState)]);
        Assert.Equal(ContentActions.Label, engine.State.ContentActionsFor(DecisionSubject.Post("p1")));
    }

    [Fact]
    public async Task WeakAgreedSignalGetsAnInterstitialAndNoStrike()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.ConspiracyControlTrope, score: 0.6)]);
        Assert.Equal(ContentActions.Label | ContentActions.Interstitial, engine.State.ContentActionsFor(DecisionSubject.Post("p1")));
        Assert.Empty(engine.State.Strikes("a1"));
    }

    [Fact]
    public async Task ExplicitAgreedAntisemitismLosesReachAndGivesAStrike()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.ConspiracyControlTrope)]);
        var actions = engine.State.ContentActionsFor(DecisionSubject.Post("p1"));
        Assert.Equal(ContentActions.Label | ContentActions.Demote | ContentActions.ExcludeFromRecommendations |
                     ContentActions.LimitReplies, actions);
        Assert.Single(engine.State.Strikes("a1"));
    }

    [Fact]
    public async Task UnlawfulContentIsGeoRestrictedOnlyAfterReviewAndOnlyWhereUnlawful()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.HolocaustDenial, jurisdiction: "DE")]);
        var subject = DecisionSubject.Post("p1");
        Assert.Equal(0, (int)(engine.State.ContentActionsFor(subject) & ContentActions.GeoRestrict));
        var request = Assert.Single(engine.State.Queue());
        Assert.Equal(ContentActions.GeoRestrict, request.Proposed);
        Assert.Equal(["DE"], request.Payload.Territories!);

        await engine.DecideReviewAsync(request.Id, Alice, approve: true);
        Assert.True(engine.State.ContentActionsFor(subject).HasFlag(ContentActions.GeoRestrict));
        Assert.Empty(engine.State.Queue());
    }

    [Fact]
    public async Task HolocaustDenialInAJurisdictionWithoutSuchALawIsNotGeoRestricted()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.HolocaustDenial, jurisdiction: "US")]);
        Assert.Empty(engine.State.Queue());
        Assert.True(engine.State.ContentActionsFor(DecisionSubject.Post("p1")).HasFlag(ContentActions.Demote));
    }

    [Fact]
    public async Task IncitementIsRemovedOnlyWhenAReviewerApproves()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence)]);
        var subject = DecisionSubject.Post("p1");
        Assert.False(engine.State.ContentActionsFor(subject).HasFlag(ContentActions.Remove));
        Assert.True(engine.State.ContentActionsFor(subject).HasFlag(ContentActions.Interstitial));

        await engine.DecideReviewAsync(Assert.Single(engine.State.Queue()).Id, Alice, approve: true);
        Assert.True(engine.State.ContentActionsFor(subject).HasFlag(ContentActions.Remove));
    }

    [Fact]
    public async Task ARejectedReviewLeavesTheContentUp()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence)]);
        await engine.DecideReviewAsync(engine.State.Queue()[0].Id, Alice, approve: false, note: "satire");
        Assert.False(engine.State.ContentActionsFor(DecisionSubject.Post("p1")).HasFlag(ContentActions.Remove));
        await Assert.ThrowsAsync<EnforcementException>(() => engine.DecideReviewAsync(engine.State.Reviews.Single().Id, Alice, approve: true));
    }

    [Fact]
    public async Task AutomatedAccountsAreLabelledOncePerAccount()
    {
        var engine = await EngineAsync(_clock);
        var run = await engine.ApplyAsync([
            Input("p1", "bot", ContentCode.None, score: 0.01, botScore: 0.9),
            Input("p2", "bot", ContentCode.None, score: 0.01, botScore: 0.95),
            Input("p3", "human", ContentCode.None, score: 0.01, botScore: 0.1),
        ]);
        Assert.Equal(1, run.Decisions);
        Assert.True(engine.State.AccountStatusOf("bot", _clock.GetUtcNow()).LabelledAutomated);
        Assert.False(engine.State.AccountStatusOf("human", _clock.GetUtcNow()).LabelledAutomated);
    }

    [Fact]
    public async Task ClusterMembershipLowersTheAutomationBar()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([
            Input("p1", "member", ContentCode.None, score: 0.01, botScore: 0.7, cluster: "c1"),
            Input("p2", "loner", ContentCode.None, score: 0.01, botScore: 0.7),
        ]);
        Assert.True(engine.State.AccountStatusOf("member", _clock.GetUtcNow()).LabelledAutomated);
        Assert.False(engine.State.AccountStatusOf("loner", _clock.GetUtcNow()).LabelledAutomated);
    }

    [Fact]
    public async Task StrikeThresholdsEscalateToReadOnlyThenSuspension()
    {
        var engine = await EngineAsync(_clock);
        for (var i = 1; i <= 3; i++) await engine.ApplyAsync([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        var status = engine.State.AccountStatusOf("a1", _clock.GetUtcNow());
        Assert.Equal(AuthorStanding.ReadOnly, status.Standing);
        Assert.Equal(_clock.GetUtcNow().AddDays(7), status.Until);

        for (var i = 4; i <= 5; i++) await engine.ApplyAsync([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        Assert.Equal(AuthorStanding.Suspended, engine.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
        Assert.Equal(5, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
    }

    [Fact]
    public async Task SuspensionEndsButTheHistoryStays()
    {
        var engine = await EngineAsync(_clock);
        for (var i = 1; i <= 5; i++) await engine.ApplyAsync([Input($"p{i}", "a1", ContentCode.DualLoyalty)]);
        _clock.Advance(TimeSpan.FromDays(31));
        var status = engine.State.AccountStatusOf("a1", _clock.GetUtcNow());
        Assert.Equal(AuthorStanding.Good, status.Standing);
        Assert.Equal(5, status.TotalStrikes);
        Assert.Equal(2, engine.State.Restrictions("a1").Count);
    }

    [Fact]
    public async Task StrikesExpireOnTheFakeClock()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty)]);
        _clock.Advance(TimeSpan.FromDays(60));
        await engine.ApplyAsync([Input("p2", "a1", ContentCode.DualLoyalty)]);
        Assert.Equal(2, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));

        // Two expired strikes plus two new ones stay below the read-only threshold of three active strikes.
        _clock.Advance(TimeSpan.FromDays(60));
        await engine.ApplyAsync([Input("p3", "a1", ContentCode.DualLoyalty), Input("p4", "a1", ContentCode.DualLoyalty)]);
        Assert.Equal(2, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        Assert.Equal(AuthorStanding.Good, engine.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
        Assert.Equal(4, engine.State.Strikes("a1").Count);
    }

    [Fact]
    public async Task TheQueueIsOrderedByExpectedHarm()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([
            Input("small", "a1", ContentCode.IncitementViolence, reach: 10),
            Input("viral", "a2", ContentCode.IncitementViolence, reach: 1_000_000),
            Input("denial", "a3", ContentCode.HolocaustDenial, reach: 1_000, jurisdiction: "DE"),
        ]);
        var queue = engine.State.Queue();
        Assert.Equal([DecisionSubject.Post("viral"), DecisionSubject.Post("denial"), DecisionSubject.Post("small")], queue.Select(q => q.Subject));
        Assert.True(queue[0].ExpectedHarm > queue[1].ExpectedHarm);
    }

    [Fact]
    public async Task EveryDecisionCitesPolicyRuleModelTaxonomyAndEvidence()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty, model: "m-42")]);
        var decision = engine.State.DecisionsFor(DecisionSubject.Post("p1")).Single();
        Assert.Equal(EnforcementPolicy.Default.Version, decision.PolicyVersion);
        Assert.Equal("m-42", decision.ModelVersion);
        Assert.Equal(TaxonomyTable.Default.Version, decision.TaxonomyVersion);
        Assert.Equal("agreed-antisemitic", decision.Rule);
        Assert.Equal(["word:test@0+4"], decision.Payload.Evidence!);
        Assert.Equal(DecisionEventType.Decision, decision.Kind);
    }
}
