using Vigil.DecisionLog;
using Vigil.Enforcement;
using Vigil.Model;
using Vigil.Tests.Policy;
using static Vigil.Tests.Policy.PolicyTestKit;

namespace Vigil.Tests.DecisionLog;

/// <summary>The typed subject in code, and its text form in the log, which existing logs and exports depend on.</summary>
public sealed class DecisionSubjectTests
{
    [Theory]
    [InlineData("post:p1", SubjectKind.Post, "p1")]
    [InlineData("account:a1", SubjectKind.Account, "a1")]
    [InlineData("post:at://did:plc:x/app.bsky.feed.post/3k", SubjectKind.Post, "at://did:plc:x/app.bsky.feed.post/3k")]
    public void The_stored_form_parses_and_formats_back_to_the_same_text(string text, SubjectKind kind, string id)
    {
        Assert.True(DecisionSubject.TryParse(text, out var subject));
        Assert.Equal(new DecisionSubject(kind, id), subject);
        Assert.Equal(text, subject.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("post:")]
    [InlineData("user:u1")]
    [InlineData("p1")]
    public void Other_text_is_not_a_subject(string text)
    {
        Assert.False(DecisionSubject.TryParse(text, out _));
        Assert.Contains($"'{text}'", Assert.Throws<InvalidDataException>(() => DecisionSubject.Parse(text, "e1")).Message);
    }

    [Fact]
    public async Task The_engine_writes_subjects_as_logs_always_spelt_them()
    {
        var log = new InMemoryDecisionLog();
        var engine = await EngineAsync(new FakeClock(Start), log);
        await engine.ApplyAsync([Input("p1", "a1", ContentCode.HolocaustDenial, botScore: 0.99)]);

        var subjects = (await log.ReadAllAsync().ToListAsync()).Select(e => e.Subject).ToHashSet();
        Assert.Contains("post:p1", subjects);
        Assert.Contains("account:a1", subjects);
        Assert.All(subjects, s => Assert.True(DecisionSubject.TryParse(s, out _), s));
    }

    [Fact]
    public async Task A_logged_subject_of_no_known_kind_is_a_violation_not_a_crash()
    {
        var log = new InMemoryDecisionLog();
        await log.AppendAsync([new DecisionEvent
        {
            Id = "odd", Type = DecisionEventType.Decision, At = Start, Subject = "thread:t1", Actor = "engine:vigil",
            Payload = new EventPayload { Actions = "label" }.ToJson(),
        }]);

        var state = await EnforcementState.ReplayAsync(log.ReadAllAsync());

        Assert.Empty(state.Decisions);
        Assert.Contains("thread:t1", Assert.Single(state.Violations));
    }
}
