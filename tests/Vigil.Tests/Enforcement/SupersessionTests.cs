using Vigil.Tests.DecisionLog;
using Vigil.Tests.Policy;
using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Exports;
using Vigil.Model;
using Vigil.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.Enforcement;

/// <summary>Re-deciding under new versions: the latest evaluation is in force, strikes are not doubled.</summary>
public sealed class SupersessionTests
{
    private readonly FakeClock _clock = new(Start);

    private static EnforcementPolicy Renamed(string version) => ParsePolicy(
        File.ReadAllText(Path.Combine(DecisionLogTests.RepoRoot(), "policies", "default.yaml"))
            .Replace($"version: {EnforcementPolicy.Default.Version}", $"version: {version}"));

    [Fact]
    public async Task ANewPolicyVersionSupersedesWithoutDoublingStrikes()
    {
        var log = new InMemoryDecisionLog();
        var inputs = new[] { Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a1", ContentCode.DualLoyalty) };
        await (await EngineAsync(_clock, log)).ApplyAsync(inputs);
        var next = await EngineAsync(_clock, log, Renamed("default-next"));
        await next.ApplyAsync(inputs);

        var decisions = next.State.DecisionsFor(DecisionSubject.Post("p1"));
        Assert.Equal(2, decisions.Count);
        Assert.True(decisions.Single(d => d.PolicyVersion == EnforcementPolicy.Default.Version).Reversed);
        Assert.False(decisions.Single(d => d.PolicyVersion == "default-next").Reversed);
        Assert.True(next.State.ContentActionsFor(DecisionSubject.Post("p1")).HasFlag(ContentActions.Demote));
        Assert.Equal(2, next.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        Assert.Equal(AuthorStanding.Good, next.State.AccountStatusOf("a1", _clock.GetUtcNow()).Standing);
    }

    [Fact]
    public async Task AModelThatNoLongerFlagsThePostLiftsTheActionsButKeepsTheStrike()
    {
        var log = new InMemoryDecisionLog();
        var engine = await EngineAsync(_clock, log);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty)]);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.QuotationReporting, model: "model-test-2")]);

        Assert.Equal(ContentActions.None, engine.State.ContentActionsFor(DecisionSubject.Post("p1")));
        Assert.Equal(1, engine.State.ActiveStrikes("a1", _clock.GetUtcNow()));
        Assert.True((await LogVerifier.VerifyAsync(log.ReadAllAsync())).Intact);
    }

    [Fact]
    public async Task SupersedingWithdrawsAPendingReview()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence)]);
        Assert.Single(engine.State.Queue());
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence, score: 0.3, model: "model-test-2")]);
        Assert.Empty(engine.State.Queue());
        Assert.Equal(ReviewStatus.Withdrawn, Assert.Single(engine.State.Reviews).Status);
    }

    [Fact]
    public async Task AReviewersDecisionIsNotSuperseded()
    {
        var engine = await EngineAsync(_clock);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.IncitementViolence)]);
        await engine.DecideReviewAsync(engine.State.Queue()[0].Id, Alice, approve: true);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.None, score: 0.01, model: "model-test-2")]);
        Assert.Equal(ContentActions.Remove, engine.State.ContentActionsFor(DecisionSubject.Post("p1")));
    }

    [Fact]
    public async Task ASupersededLabelWithTheSameValueIsNotNegated()
    {
        var log = new InMemoryDecisionLog();
        await (await EngineAsync(_clock, log)).ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a2", ContentCode.NaziComparison, target: Target.IsraelState)]);
        _clock.Advance(TimeSpan.FromHours(1));
        var next = await EngineAsync(_clock, log, Renamed("default-next"));
        await next.ApplyAsync([Input("p1", "a1", ContentCode.DualLoyalty), Input("p2", "a2", ContentCode.IsraelPolicyCriticism, target: Target.IsraelState)]);

        var labels = AtprotoLabelExporter.Build(next.State, new AtprotoOptions { LabelerDid = "did:web:l.example" });
        Assert.DoesNotContain(labels, l => l.Neg && l.Val == "antisemitism");
        Assert.Single(labels, l => l is { Neg: true, Val: "contested" });
    }

    [Fact]
    public async Task ReRunningInputsThatDisagreeAboutAnAuthorStillAddsNothing()
    {
        var log = new InMemoryDecisionLog();
        PolicyInput[] inputs =
        [
            Input("p1", "a1", ContentCode.None, score: 0.01, botScore: 0.1),
            Input("p2", "a1", ContentCode.None, score: 0.01, botScore: 0.9),
            Input("p3", "a1", ContentCode.None, score: 0.01, botScore: 0.1),
        ];
        await (await EngineAsync(_clock, log)).ApplyAsync(inputs);
        var count = (await log.ReadAllAsync().ToListAsync()).Count();
        var again = await (await EngineAsync(_clock, log)).ApplyAsync(inputs);
        Assert.Equal(0, again.EventsAppended);
        Assert.Equal(count, (await log.ReadAllAsync().ToListAsync()).Count());
        Assert.True((await EnforcementState.ReplayAsync(log.ReadAllAsync())).AccountStatusOf("a1", Start).LabelledAutomated);
    }

    [Fact]
    public async Task AFreshLogHasNothingAlreadyDecidedEvenWhenOneAuthorsPostsRepeatAnAccountDecision()
    {
        // Three posts of one likely bot each match the account rule; the account decision is made once, by this run.
        PolicyInput[] inputs =
        [
            Input("p1", "a1", ContentCode.DualLoyalty, botScore: 0.9),
            Input("p2", "a1", ContentCode.None, score: 0.01, botScore: 0.9),
            Input("p3", "a1", ContentCode.None, score: 0.01, botScore: 0.9),
        ];
        var log = new InMemoryDecisionLog();
        var first = await (await EngineAsync(_clock, log)).ApplyAsync(inputs);
        Assert.Equal(0, first.AlreadyDecided);
        Assert.Equal(2, first.Decisions);

        // The same inputs again: both decisions were made before, and each is counted once.
        var again = await (await EngineAsync(_clock, log)).ApplyAsync(inputs);
        Assert.Equal(first.Decisions, again.AlreadyDecided);
        Assert.Equal(0, again.Decisions);
    }
}
